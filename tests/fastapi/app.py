"""A small FastAPI app that exercises what FastAPI writes into its OpenAPI 3.1 description
and echoes what it receives, for tests/tests/fastapi.rs (see the README, "FastAPI").

Served by uvicorn; the client is generated from its live /openapi.json.
"""

import base64
from enum import IntEnum
from typing import Literal, Optional

from fastapi import FastAPI, Form, HTTPException, UploadFile
from pydantic import Base64Bytes, BaseModel, ConfigDict

app = FastAPI(title="Fidelity", version="1.0.0")


class Level(IntEnum):
    """An `int` enum: `type: integer` with `enum`."""

    LOW = 1
    HIGH = 2


class Profile(BaseModel):
    name: str
    level: Level
    # `set[str]`: `uniqueItems: true`.
    tags: set[str] = set()
    # `Literal[1, 2, 3]`: an integer enum too.
    stars: Literal[1, 2, 3] = 1
    # `Optional[...]`: `anyOf: [X, {type: null}]` in a field.
    nickname: Optional[str] = None
    # `tuple[float, float]`: 3.1 `prefixItems` with `maxItems`.
    home: Optional[tuple[float, float]] = None


class Upload(BaseModel):
    """What the server received of a multipart upload."""

    title: str
    filename: Optional[str]
    content_type: Optional[str]
    size: Optional[int]


class Blob(BaseModel):
    """`bytes` sent as base64 in JSON: `contentEncoding: base64` (pydantic writes the
    URL-safe alphabet)."""

    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")
    data: bytes


class Digest(BaseModel):
    """pydantic's `Base64Bytes`: `format: base64`."""

    value: Base64Bytes
    size: int = 0


PROFILES = {"ada": Profile(name="ada", level=Level.HIGH, tags={"math"}, stars=3)}


@app.get("/profiles/{name}")
def get_profile(name: str) -> Optional[Profile]:
    """A whole response that may be `null`: `anyOf: [Profile, null]`."""
    return PROFILES.get(name)


@app.put("/profiles/{name}")
def put_profile(name: str, profile: Profile) -> Profile:
    """Stores the profile and echoes it."""
    PROFILES[name] = profile
    return profile


@app.get("/levels/{level}")
def get_level(level: Level) -> list[Optional[Level]]:
    """An integer enum in the path, and a list whose items may be `null`."""
    return [level, None]


@app.get("/pair")
def pair() -> tuple[int, str]:
    """A whole response that is a tuple."""
    return (7, "seven")


@app.post("/uploads")
async def upload(title: str = Form(), image: UploadFile | None = None) -> Upload:
    """An optional file part: `anyOf: [{type: string, contentMediaType}, null]`."""
    if image is None:
        return Upload(title=title, filename=None, content_type=None, size=None)
    data = await image.read()
    return Upload(
        title=title,
        filename=image.filename,
        content_type=image.content_type,
        size=len(data),
    )


@app.get("/search")
def search(q: Optional[str], limit: Optional[int] = None) -> dict[str, Optional[str]]:
    """A required query parameter that may be `null`, and an optional one; echoes both.

    FastAPI requires `q` to be present: a query can't say `null`, so it can't be sent."""
    return {"q": q, "limit": None if limit is None else str(limit)}


@app.post("/blobs")
def put_blob(blob: Blob) -> Blob:
    """Echoes the bytes, reversed."""
    return Blob(data=blob.data[::-1])


@app.post("/digests")
def put_digest(digest: Digest) -> Digest:
    """Echoes the bytes, reversed, with how many were received."""
    # `Base64Bytes` validates base64 text, also when built here.
    reversed_text = base64.b64encode(digest.value[::-1])
    return Digest(value=reversed_text, size=len(digest.value))


@app.get("/missing")
def missing() -> Profile:
    """A 404 with FastAPI's error body."""
    raise HTTPException(status_code=404, detail="no such profile")
