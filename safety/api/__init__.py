"""The safety system's API: one router per subject, all mounted under /api/v1/."""

from ninja import Router

router = Router()
