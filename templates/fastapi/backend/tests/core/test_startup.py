"""Start-up: what the app does once, before it serves requests."""

import gc

from app.main import app, lifespan


def tracked(obj: object) -> bool:
    """Whether the garbage collector's passes still walk `obj` (frozen objects are not)."""
    return any(candidate is obj for candidate in gc.get_objects())


async def test_objects_built_at_startup_are_frozen_out_of_collections() -> None:
    gc.unfreeze()
    assert tracked(app.router)
    try:
        async with lifespan(app):
            assert gc.get_freeze_count() > 0
            assert not tracked(app.router)
            # What requests create afterwards is collected as usual.
            cycle: list[object] = []
            cycle.append(cycle)
            assert tracked(cycle)
    finally:
        gc.unfreeze()
