"""Private persons' data in public items, removed from the web when the rectification period ends."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from decisions.models.items import AgendaItem
from decisions.models.search import CONFIGS, contains_any_word, is_postgresql, query_words


class PrivatePersonDataQuerySet(models.QuerySet["PrivatePersonData"]):
    def removed(self) -> PrivatePersonDataQuerySet:
        """Already removed from the web (the public versions print a placeholder instead)."""
        return self.filter(removed_on__isnull=False)

    def on_the_web(self) -> PrivatePersonDataQuerySet:
        return self.filter(removed_on__isnull=True)

    def matching_any_word(self, query: str) -> PrivatePersonDataQuerySet:
        """Rows whose text holds any one word of `query` (Finnish and Swedish stemming on PostgreSQL,
        as the items are searched: decisions.models.search)."""
        words = query_words(query)
        if is_postgresql(self):
            # Stemmed, and the plain substring too: a name the dictionary does not know still counts.
            condition = contains_any_word("text", words)
            annotations = {}
            for language, config in CONFIGS.items():
                search = SearchQuery(words[0], config=config, search_type="plain")
                for word in words[1:]:
                    search |= SearchQuery(word, config=config, search_type="plain")
                annotations[f"removed_vector_{language}"] = SearchVector("text", config=config)
                condition |= Q(**{f"removed_vector_{language}": search})
            return self.annotate(**annotations).filter(condition)
        return self.filter(contains_any_word("text", words))


class PrivatePersonData(models.Model):
    """A private person's personal data in a public item (Hyvinvointialuelaki 145 § 3 mom.).

    The text stays in the minutes; the public archive prints it until the rectification period ends,
    and the daily `remove_personal_data` command then sets `removed_on`, after which public pages and
    PDFs show a placeholder instead. Officials' and members' names are not recorded here.
    """

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="private_person_data"
    )
    text = models.CharField(_("text as it appears"), max_length=300)
    removed_on = models.DateField(_("removed from the web on"), null=True, blank=True)

    objects = PrivatePersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("private person's data")
        verbose_name_plural = _("private persons' data")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.text}"
