from typing import Literal

from pydantic import BaseModel


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]
    version: str


class HealthError(BaseModel):
    status: Literal["error"]
    database: Literal["unavailable"]
