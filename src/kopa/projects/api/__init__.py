"""The projects part of Kopā's API, one module per aggregate; `router` is what kopa.api.routes adds."""

from ninja import Router

from . import programmes, projects, rates

router = Router()
router.add_router("", projects.router)
router.add_router("", programmes.router)
router.add_router("", rates.router)
