"""Faults (security.md row 37): with the database unreachable, pages answer 503 with a Finnish
message and Retry-After, never a 500 with a trace, and recover by themselves when it returns.

The handler (hankehallinta/views.py, ``server_error``) is tested on any database with views that
raise database errors. On PostgreSQL the app is pointed at a TCP proxy in front of the shared
server; the test closes the proxy (refusing new connections and resetting open ones) and opens it
again. The shared PostgreSQL server itself is never stopped.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import reverse

from hankehallinta.tests.fault_urls import LEAK_CANARIES
from hankehallinta.tests.test_hardening import assert_security_headers
from hankehallinta.views import DATABASE_RETRY_AFTER_SECONDS

FINNISH_MESSAGE = "Palvelu on tilapäisesti poissa käytöstä"
FAULT_URLS = "hankehallinta.tests.fault_urls"


def assert_unavailable(response, name: str = "") -> None:
    assert response.status_code == 503, (name, response.status_code)
    assert response["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS), name
    assert "no-store" in response["Cache-Control"], name
    body = response.content.decode()
    assert FINNISH_MESSAGE in body, name
    assert '<html lang="fi">' in body, name
    for canary in LEAK_CANARIES:
        assert canary not in body, (name, canary)
    assert_security_headers(name or "503", response)


@pytest.fixture
def fault_urls(settings):
    settings.ROOT_URLCONF = FAULT_URLS
    settings.DEBUG = False


# The handler, on any database -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/testing/database-down/", "/testing/database-down-wrapped/"])
def test_database_error_in_a_view_is_503_with_retry_after(fault_urls, staff_user, path):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    assert_unavailable(client.get(path), path)


@pytest.mark.django_db
def test_other_errors_stay_500(fault_urls, staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    for path in ("/testing/boom/", "/testing/integrity/"):
        response = client.get(path)
        assert response.status_code == 500, path
        assert "Retry-After" not in response, path


@pytest.mark.django_db
def test_database_error_before_the_view_is_503_too(fault_urls, staff_user, monkeypatch):
    """Sessions and authentication read the database in middleware, before any view runs."""
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)

    def unreachable(self):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    for path in ("/", reverse("projects:list"), "/ei-tallaista-sivua/"):
        assert_unavailable(client.get(path), path)
    monkeypatch.undo()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_with_debug_on_the_developer_still_gets_the_technical_page(fault_urls, settings, staff_user):
    settings.DEBUG = True
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    assert client.get("/testing/database-down/").status_code == 500


# A real outage, on PostgreSQL -----------------------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target; ``close()`` makes the port refuse connections and
    resets the open ones, ``open()`` listens on the same port again.

    Threads: one accepting, two per connection (one per direction). Everything polls with short
    timeouts, so ``close()`` finishes promptly and leaves no thread behind.
    """

    POLL = 0.05

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.connections = 0
        self._accepting = threading.Event()
        self._acceptor: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket, threading.Event]] = []
        self._pumps: list[threading.Thread] = []

    def open(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))  # the same port again after close()
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._accepting.set()
        self._acceptor = threading.Thread(target=self._accept_loop, args=(listener,), daemon=True)
        self._acceptor.start()

    def close(self) -> None:
        """Stop accepting (the port refuses connections) and reset every open connection."""
        self._accepting.clear()
        if self._acceptor is not None:
            self._acceptor.join(timeout=5)
            self._acceptor = None
        with self._lock:
            pairs, self._pairs = self._pairs, []
            pumps, self._pumps = self._pumps, []
        for _client, _upstream, stop in pairs:
            stop.set()
        for thread in pumps:
            thread.join(timeout=5)
        for client, upstream, _stop in pairs:
            _reset(client)
            _reset(upstream)

    @property
    def threads_alive(self) -> int:
        return sum(thread.is_alive() for thread in [*self._pumps, *filter(None, [self._acceptor])])

    def _accept_loop(self, listener: socket.socket) -> None:
        try:
            while self._accepting.is_set():
                readable, _, _ = select.select([listener], [], [], self.POLL)
                if not readable:
                    continue
                client, _ = listener.accept()
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    _reset(client)
                    continue
                stop = threading.Event()
                pumps = [
                    threading.Thread(target=self._pump, args=(client, upstream, stop), daemon=True),
                    threading.Thread(target=self._pump, args=(upstream, client, stop), daemon=True),
                ]
                with self._lock:
                    self._pairs.append((client, upstream, stop))
                    self._pumps.extend(pumps)
                    self.connections += 1
                for thread in pumps:
                    thread.start()
        finally:
            listener.close()  # from now on the port refuses connections

    def _pump(self, source: socket.socket, destination: socket.socket, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                readable, _, _ = select.select([source], [], [], self.POLL)
                if not readable:
                    continue
                data = source.recv(65536)
                if not data:
                    break
                destination.sendall(data)
        except (OSError, ValueError):  # the other direction closed the sockets
            pass
        finally:
            stop.set()


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: the peer sees "connection reset", as when a server dies."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


@contextlib.contextmanager
def database_through(proxy: TcpProxy, conn_max_age: int = 0):
    """Point the default connection at the proxy for the duration; always restore it.

    The settings dict is shared by every thread's connection (the live server's too).
    """
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT", "CONN_MAX_AGE")}
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    settings_dict["CONN_MAX_AGE"] = conn_max_age
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(saved)


@pytest.fixture
def proxy():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    proxy = TcpProxy(connection.settings_dict["HOST"] or "127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    proxy.open()
    try:
        yield proxy
    finally:
        proxy.close()
    assert proxy.threads_alive == 0


class ServerClient(Client):
    """A test client with a WSGI server's per-request connection upkeep.

    Django's handler closes unusable and expired connections when a request starts and ends
    (``close_old_connections`` on request_started/request_finished); django.test.Client turns
    that off to keep the test transaction. These tests run without one, so turn it back on.
    """

    def request(self, **request):
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()


PAGES = ("/", "/projects/", "/meetings/")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "conn_max_age",
    [0, 60],
    ids=["a connection per request", "persistent connections with health checks"],
)
def test_database_outage_gives_503_and_the_app_recovers_by_itself(proxy, staff_user, conn_max_age):
    client = ServerClient(raise_request_exception=False)
    client.force_login(staff_user)  # before switching: signing in needs the database
    anonymous = ServerClient(raise_request_exception=False)

    with database_through(proxy, conn_max_age):
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        # The requests really went through the proxy: one connection each, or one kept open.
        assert proxy.connections == (1 if conn_max_age else len(PAGES))

        proxy.close()  # the database "goes away": open connections reset, new ones refused
        for path in PAGES:
            assert_unavailable(client.get(path), path)
        assert_unavailable(anonymous.get(reverse("login")), "login page")
        assert_unavailable(client.get("/ei-tallaista-sivua/"), "404 page")

        proxy.open()  # it returns: no restart, the next request connects again
        started = time.monotonic()
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        assert anonymous.get(reverse("login")).status_code == 200
        assert time.monotonic() - started < 10
    # Restored: the rest of the suite talks to the database directly again.
    assert connection.settings_dict["PORT"] != str(proxy.port)


def _fetch(url: str, cookie: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the live server
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_outage_through_a_real_server(proxy, staff_user, live_server):
    """The same through the WSGI server: each request connects afresh (CONN_MAX_AGE 0)."""
    client = Client()
    client.force_login(staff_user)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
    url = f"{live_server.url}/projects/"

    with database_through(proxy):
        status, _, _ = _fetch(url, cookie)
        assert status == 200
        proxy.close()
        for _ in range(3):
            status, headers, body = _fetch(url, cookie)
            assert status == 503
            assert headers["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)
            assert FINNISH_MESSAGE in body
            assert "Traceback" not in body
        proxy.open()
        status, _, body = _fetch(url, cookie)
        assert status == 200
        assert FINNISH_MESSAGE not in body
