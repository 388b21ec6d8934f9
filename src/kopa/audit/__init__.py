"""The audit trail: who changed what, when, through what — see kopa.audit.log."""

from .log import acting, audited, forget_person, log_action

__all__ = ["acting", "audited", "forget_person", "log_action"]
