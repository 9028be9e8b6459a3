"""Reading all of the open data the way an outside client does: the API by its links, every feed,
calendar and bulk file, each as {its URL: its text} for the canary tests and the walk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django.utils import translation

from decisions.models import Body, Meeting
from testing.pdf import pdf_text

SERVER = "http://testserver"


@dataclass
class ApiWalk:
    objects: dict[str, dict] = field(default_factory=dict)  # every object reached, by its id
    answers: dict[str, str] = field(default_factory=dict)  # every URL requested: its text (PDFs read)


def walk_api(client: Client, downloads: bool = False) -> ApiWalk:
    """Every API answer reached from the System by following the URLs in the answers (lists page by
    page), and its documentation page; with `downloads`, every File's downloadUrl read too."""
    walk = ApiWalk()
    api = SERVER + reverse("oparl-system")
    todo = [api, SERVER + reverse("oparl-docs"), SERVER + reverse("oparl-schema")]
    while todo:
        url = todo.pop()
        if url in walk.answers:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        walk.answers[url] = response.content.decode()
        if not response["Content-Type"].startswith("application/json"):
            continue
        answer = response.json()
        for row in answer.get("data", [answer]):
            walk.objects[row["id"]] = row
        todo += [link for link in _urls(answer) if link.startswith(api) and "/schema/" not in link]
    if downloads:
        for row in walk.objects.values():
            if row["type"].endswith("/File"):
                walk.answers[row["downloadUrl"]] = _download_text(client, row["downloadUrl"])
    return walk


def download(client: Client, url: str) -> bytes:
    response = client.get(url.removeprefix(SERVER))
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def _download_text(client: Client, url: str) -> str:
    content = download(client, url)
    return pdf_text(content) if content.startswith(b"%PDF") else content.decode(errors="replace")


def _urls(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.startswith(SERVER) else []
    if isinstance(value, dict):
        return [url for inner in value.values() for url in _urls(inner)]
    if isinstance(value, list):
        return [url for inner in value for url in _urls(inner)]
    return []


def feeds_and_files(client: Client) -> dict[str, str]:
    """Every Atom feed and calendar in every language, the open-data page and every bulk file it lists."""
    urls = []
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            urls += [reverse("archive_data:minutes_feed"), reverse("archive_data:decisions_feed")]
            for body in Body.objects.all():
                urls.append(reverse("archive_data:body_calendar", kwargs={"pk": body.pk}))
                if Meeting.objects.published().of_body(body).exists():
                    urls += [
                        reverse("archive_data:body_minutes_feed", kwargs={"pk": body.pk}),
                        reverse("archive_data:body_decisions_feed", kwargs={"pk": body.pk}),
                    ]
    with translation.override("fi"):
        index = reverse("archive_data:index")
    texts = {}
    for url in [*urls, index]:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    for url in re.findall(rf'href="({re.escape(index)}[^"/]+)"', texts[index]):
        texts[url] = download(client, url).decode()
    return texts


def bulk_files(texts: dict[str, str]) -> list[str]:
    return [url for url in texts if url.endswith((".jsonl", ".csv"))]
