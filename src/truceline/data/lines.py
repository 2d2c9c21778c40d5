"""Where in a YAML text a key is: the line a user opens the file at to fix it.

Validation errors name a key path (``actors[2].alias``); a person editing the
file wants its line. :func:`line_of` walks the composed YAML nodes along the
path and gives the 1-based line of the deepest part it finds.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text``, or None when it does not parse (lines then unknown)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def line_of(root: yaml.Node | None, path: Sequence[int | str]) -> int | None:
    """The 1-based line of the key path ``path`` (mapping keys, list indexes) in ``root``."""
    if root is None:
        return None
    node, line = root, root.start_mark.line + 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
