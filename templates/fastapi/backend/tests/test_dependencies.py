"""Every endpoint and every dependency the app declares is a coroutine.

FastAPI calls a plain function, a class or a sync generator in a worker thread. Nothing in
this app needs one, and the suite measures coverage of SQLAlchemy's greenlets: a worker
thread that ends holding greenlet state once hung a whole test run at clean-up. A new
`def` endpoint or a class used with `Depends()` fails here, naming the route.
"""

import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from app.main import app


def api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (which newer FastAPI keeps nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        nested = getattr(route, "original_router", route)
        yield from api_routes(getattr(nested, "routes", []))


def calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from calls(sub)


def runs_on_the_event_loop(call: Callable[..., Any]) -> bool:
    if inspect.isclass(call):
        return False
    target = call if inspect.isfunction(call) or inspect.ismethod(call) else call.__call__  # type: ignore[operator]
    return inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)


def test_every_endpoint_and_dependency_runs_on_the_event_loop() -> None:
    routes = list(api_routes(app.routes))
    assert any(route.path.endswith("/users/me") for route in routes)
    threaded = sorted(
        f"{route.path} {sorted(route.methods or ())}: {getattr(call, '__qualname__', repr(call))}"
        for route in routes
        for call in calls(route.dependant)
        if not runs_on_the_event_loop(call)
    )
    assert threaded == []


def test_a_class_or_a_plain_function_is_seen_as_threaded() -> None:
    class Built:
        pass

    def plain() -> None:
        pass

    async def coroutine() -> None:
        pass

    assert not runs_on_the_event_loop(Built)
    assert not runs_on_the_event_loop(plain)
    assert runs_on_the_event_loop(coroutine)
