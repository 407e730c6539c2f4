"""422 answers that can be written whatever the request held.

FastAPI's own 422 echoes each invalid field's input. A JSON body may carry an unpaired
surrogate (`"\\ud800"`), which UTF-8 cannot encode, or nesting so deep that echoing it
exhausts the recursion limit: writing that answer failed with a 500. This handler
answers with what the contract promises, `{"detail": [{loc, msg, type}, ...]}`, without
the input, and escapes non-ASCII characters so that any key in `loc` can be encoded.
"""

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class AsciiJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _loc_part(part: Any) -> str | int:
    return part if isinstance(part, int) else str(part)


async def validation_error_answer(request: Request, exc: Exception) -> JSONResponse:
    """`422 {"detail": [{loc, msg, type}, ...]}`, always encodable."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [
        {
            "loc": [_loc_part(part) for part in error["loc"]],
            "msg": str(error["msg"]),
            "type": str(error["type"]),
        }
        for error in errors
    ]
    return AsciiJSONResponse({"detail": detail}, status_code=422)
