"""The audit trail: who changed what, when, through what — see kopa.audit.log."""

from .log import acting, anonymous_call, audited, forget_person, log_action

__all__ = ["acting", "anonymous_call", "audited", "forget_person", "log_action"]
