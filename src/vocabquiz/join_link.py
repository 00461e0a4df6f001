"""The address learners join at: what the teacher's screens put in the join link and QR code.

The browser's own address is wrong for a class whenever the teacher opened the app on this
computer (127.0.0.1): phones cannot reach it. The answer, in order: the public URL of the
settings; the machine's address on the local network when `vocabquiz serve` listens on all
interfaces; else the address the teacher's browser used, said to be unreachable when it is this
computer's own."""

from __future__ import annotations

import ipaddress
import socket
from typing import Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from pydantic import BaseModel

from vocabquiz.dependencies import Staff, State
from vocabquiz.errors import Forbidden, Unauthorized, responses

router = APIRouter(prefix="/api", tags=["sessions"])
ALL_INTERFACES = ("0.0.0.0", "::", "")


class JoinLink(BaseModel):
    url: str
    # Whether other devices can open it (a phone on the same network).
    reachable: bool
    source: Literal["setting", "lan", "request", "this_computer"]


def lan_address() -> str | None:
    """This machine's address on its local network: the one a packet to a private address would
    leave from (a UDP socket's connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 9))
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def _is_loopback(host: str) -> bool:
    """Whether a Host header names this computer itself ("127.0.0.1:8000", "[::1]:8000")."""
    name = urlsplit(f"//{host}").hostname or ""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@router.get("/join-link", responses=responses(Unauthorized, Forbidden))
async def join_link(request: Request, _user: Staff, state: State) -> JoinLink:
    settings = state.settings
    if settings.public_url:
        return JoinLink(url=settings.public_url.rstrip("/"), reachable=True, source="setting")
    scheme = request.url.scheme
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    if settings.listen_host in ALL_INTERFACES:
        lan = lan_address()
        port = request.scope.get("server", (None, None))[1]
        if lan is not None and port:
            return JoinLink(url=f"{scheme}://{lan}:{port}", reachable=True, source="lan")
    loopback = _is_loopback(host)
    return JoinLink(
        url=f"{scheme}://{host}",
        reachable=not loopback,
        source="this_computer" if loopback else "request",
    )
