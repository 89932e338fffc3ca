"""The zones API: one router per subject, all mounted under /api/v1/."""

from ninja import Router

from . import cases, levels, permits, public, zones

router = Router()
router.add_router("/", public.router)
router.add_router("/", cases.router)
router.add_router("/", levels.router)
router.add_router("/", zones.router)
router.add_router("/", permits.router)
