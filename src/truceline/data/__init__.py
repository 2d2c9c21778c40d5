"""The data truceline's rules read (``data/*.yaml``) and the loaders that read it.

It sits below every layer that reads data (extract, resolve, negotiation), so
that none of them imports another to reach a file.
"""
