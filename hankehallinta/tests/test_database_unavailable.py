"""Faults (security.md row 37): with the database unreachable, pages answer 503 with a Finnish
message and Retry-After, never a 500 with a trace, and recover by themselves when it returns. A
database that accepts connections but never answers, or a query that hangs, gives the same 503
within seconds (DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT). A malformed request (too many
form fields) gets the Finnish 400 page.

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
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path as url_path
from django.urls import reverse

from hankehallinta import urls as app_urls
from hankehallinta.views import DATABASE_RETRY_AFTER_SECONDS
from testing.fault_urls import LEAK_CANARIES
from testing.headers import assert_security_headers

FINNISH_MESSAGE = "Palvelu on tilapäisesti poissa käytöstä"
FAULT_URLS = "testing.fault_urls"


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
def database_at(host: str, port: int, conn_max_age: int = 0, **options):
    """Point the default connection at host:port, with these connection options, for the
    duration; always restore it.

    The settings dict (and its OPTIONS) is shared by every thread's connection (the live server's too).
    """
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT", "CONN_MAX_AGE")}
    saved_options = dict(settings_dict["OPTIONS"])
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = host, str(port)
    settings_dict["CONN_MAX_AGE"] = conn_max_age
    settings_dict["OPTIONS"].update(options)
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(saved)
        settings_dict["OPTIONS"].clear()
        settings_dict["OPTIONS"].update(saved_options)


def database_through(proxy: TcpProxy, conn_max_age: int = 0):
    """Point the default connection at the proxy for the duration; always restore it."""
    return database_at("127.0.0.1", proxy.port, conn_max_age)


@pytest.fixture
def proxy():
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


# A database that hangs, on PostgreSQL ----------------------------------------------------------


class SilentServer:
    """A database that accepts connections and never answers: not a byte comes back.

    One thread accepts (polling, so that it stops promptly); the accepted sockets stay open,
    unread, until the server is closed.
    """

    POLL = 0.05

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for sock in self.accepted:
            _reset(sock)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([self._listener], [], [], self.POLL)
            if readable:
                self.accepted.append(self._listener.accept()[0])


#: The connect timeout the hung-database test gives (libpq's minimum is 2 s).
HUNG_CONNECT_TIMEOUT = 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_time_limits_reach_the_connection(settings):
    """The settings' defaults (5 s to connect, 20 s per statement) are what the server applies."""
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]
    assert shown == (f"{settings.DATABASE_STATEMENT_TIMEOUT}s" if settings.DATABASE_STATEMENT_TIMEOUT else "0")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_that_accepts_and_never_answers_gives_503_within_the_connect_timeout(staff_user):
    client = ServerClient(raise_request_exception=False)
    client.force_login(staff_user)  # before switching: signing in needs the database
    anonymous = ServerClient(raise_request_exception=False)

    with SilentServer() as server, database_at("127.0.0.1", server.port, connect_timeout=HUNG_CONNECT_TIMEOUT):
        for name, session, path in [
            ("/", client, "/"),
            ("/projects/", client, "/projects/"),
            ("login", anonymous, reverse("login")),
        ]:
            started = time.monotonic()
            response = session.get(path)
            elapsed = time.monotonic() - started
            assert_unavailable(response, name)
            # One connection attempt per request: the 503 page itself needs no database.
            assert elapsed < HUNG_CONNECT_TIMEOUT + 1.5, (name, elapsed)
        assert server.accepted, "the requests did not reach the silent server"
    assert client.get("/projects/").status_code == 200


def slow_query(request: HttpRequest) -> HttpResponse:
    """A query that hangs for longer than any statement timeout the tests set."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(10)")
    return HttpResponse("finished")


urlpatterns = [url_path("testing/slow-query/", slow_query), *app_urls.urlpatterns]
handler400 = app_urls.handler400
handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_hung_query_is_cancelled_by_the_statement_timeout_and_gives_503(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    host, port = connection.settings_dict["HOST"] or "127.0.0.1", int(connection.settings_dict["PORT"] or 5432)
    with database_at(host, port, options="-c statement_timeout=500"):
        started = time.monotonic()
        response = ServerClient(raise_request_exception=False).get("/testing/slow-query/")
        elapsed = time.monotonic() - started
    assert_unavailable(response, "slow query")
    assert elapsed < 3, elapsed


# The 400 page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_too_many_form_fields_give_the_finnish_400_page(settings):
    settings.DEBUG = False
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    for enforce_csrf_checks in (False, True):  # the view reads the form, or the CSRF check does first
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        client.get(reverse("login"))  # the CSRF cookie, so that the check goes on to read the form
        response = client.post(reverse("login"), fields)
        assert response.status_code == 400
        body = response.content.decode()
        assert "Virheellinen pyyntö" in body
        assert "liikaa kenttiä" in body
        assert '<html lang="fi">' in body
        assert "Bad Request" not in body
        assert_security_headers("400", response)
