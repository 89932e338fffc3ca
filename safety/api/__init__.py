"""The safety system's API: one router per subject, all mounted under /api/v1/."""

from ninja import Router

from . import assessments, criteria, establishments, public

router = Router()
router.add_router("/", criteria.router)
router.add_router("/", establishments.router)
router.add_router("/", assessments.router)
router.add_router("/", public.router)
