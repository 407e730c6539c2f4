"""The API's version, shown by /api/health and in the OpenAPI document."""

VERSION = "0.1.0"
