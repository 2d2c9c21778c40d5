"""Alerts: rules in a YAML file pick the record's changes and deliver each once.

>>> from truceline.alerts import Alerts, load_rules
>>> Alerts(store, load_rules("alerts.yaml")).deliver_new()

See :mod:`truceline.alerts.rules` for the file, :mod:`truceline.alerts.delivery`
for stdout, webhook and command delivery, and :mod:`truceline.alerts.alerting`
for what "once" means.
"""

from truceline.alerts.alerting import Alerts, Sent
from truceline.alerts.delivery import DeliveryError
from truceline.alerts.rules import AlertsFile, AlertsFileError, Rule, Target, load_rules

__all__ = [
    "Alerts",
    "AlertsFile",
    "AlertsFileError",
    "DeliveryError",
    "Rule",
    "Sent",
    "Target",
    "load_rules",
]
