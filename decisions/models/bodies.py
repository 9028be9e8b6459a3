"""People, the bodies they sit on, and their roles there."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Person(models.Model):
    """Anyone who appears in minutes; many never sign in, so the account link is optional."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    unit = models.CharField(
        _("unit or organisation"),
        max_length=200,
        blank=True,
        help_text=_("What tells namesakes apart, e.g. the unit of an official or the municipality of a trustee."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def contact(self) -> str:
        return ", ".join(part for part in (self.phone, self.email) if part)

    @property
    def details(self) -> str:
        """What tells the person apart from a namesake: title, unit and e-mail, those given."""
        return ", ".join(part for part in (self.title, self.unit, self.email) if part)

    @property
    def label(self) -> str:
        """The name with the details, as every list that offers a person shows it."""
        return f"{self.full_name} ({self.details})" if self.details else self.full_name


class BodyQuerySet(models.QuerySet["Body"]):
    def where_secretary(self, user: AbstractBaseUser | AnonymousUser) -> BodyQuerySet:
        """The bodies whose secretary the user is today (by membership; superusers are not added)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=Membership.objects.current().of_user(user, Membership.Role.SECRETARY).values("body_id")
        )

    def managed_by(self, user: AbstractBaseUser | AnonymousUser) -> BodyQuerySet:
        """The bodies the user acts as secretary of: every body for a superuser, else where_secretary."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        return self.where_secretary(user)

    def with_published_minutes(self) -> BodyQuerySet:
        """The bodies with published minutes, by name, each with `published` (how many meetings'
        minutes) and `latest` (the start of the latest of them): the public archive's index."""
        meeting_model = self.model._meta.get_field("meetings").related_model  # defined after Body
        published = Q(meetings__state=meeting_model.State.PUBLISHED)
        return (
            self.annotate(
                published=Count("meetings", filter=published), latest=Max("meetings__start", filter=published)
            )
            .filter(published__gt=0)
            .order_by("name")
        )

    def with_memberships(self) -> BodyQuerySet:
        """The body page's rows: memberships by role and name, with their people and deputies."""
        memberships = Membership.objects.select_related("person__user", "deputy_of__person").order_by(
            "role", "person__last_name", "person__first_name", "pk"
        )
        return self.prefetch_related(models.Prefetch("memberships", queryset=memberships))


class Body(models.Model):
    """A decision-making body (toimielin) and the data its appeal instructions print."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        BOARD = "board", _("Executive board")
        COMMITTEE = "committee", _("Committee")
        DIVISION = "division", _("Division")
        OTHER = "other", _("Other body")

    class PresenterEditsUntil(models.TextChoices):
        """When a presenting official's edits of a proposal close (the body's rules of procedure)."""

        MEETING_START = "meeting_start", _("the start of the meeting")
        AGENDA_PUBLISHED = "agenda_published", _("the publication of the agenda")

    class Language(models.TextChoices):
        """The languages the body decides and publishes in (Language Act 423/2003): a bilingual body
        records every text in both, Finnish first."""

        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        BILINGUAL = "fi-sv", _("Finnish and Swedish")

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_sv = models.CharField(
        _("name in Swedish"), max_length=200, blank=True, help_text=_("The name its Swedish documents print.")
    )
    language = models.CharField(
        _("language of its decisions"),
        max_length=5,
        choices=Language,
        default=Language.FINNISH,
        help_text=_("A bilingual body records its items and issues its documents in Finnish and in Swedish."),
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMMITTEE)
    organisation = models.CharField(_("organisation"), max_length=200)
    rectification_authority = models.CharField(
        _("rectification authority"), max_length=200, blank=True, help_text=_("Empty: the body itself.")
    )
    appeal_court = models.CharField(_("appeal court"), max_length=200, blank=True)
    registry_postal_address = models.TextField(_("registry postal address"), blank=True)
    registry_email = models.EmailField(_("registry e-mail"), blank=True)
    registry_visiting_address = models.TextField(_("registry visiting address"), blank=True)
    registry_closing_time = models.TimeField(_("registry closing time"), default=dt.time(15, 0))
    presenter_edits_until = models.CharField(
        _("presenters edit their proposals until"),
        max_length=20,
        choices=PresenterEditsUntil,
        default=PresenterEditsUntil.MEETING_START,
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__gte=F("active_from"))
                | Q(active_until__isnull=True)
                | Q(active_from__isnull=True),
                name="body_active_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("decisions:body_detail", args=[self.pk])

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def rectification_authority_name(self) -> str:
        return self.rectification_authority or self.name

    @property
    def is_bilingual(self) -> bool:
        return self.language == self.Language.BILINGUAL

    @property
    def main_language(self) -> str:
        """The language of its items' main texts: Swedish for a Swedish body, else Finnish."""
        return "sv" if self.language == self.Language.SWEDISH else "fi"

    @property
    def document_languages(self) -> list[str]:
        """The languages its agendas, minutes and extracts are issued in, the main one first."""
        return ["fi", "sv"] if self.is_bilingual else [self.main_language]

    def name_in(self, language: str) -> str:
        """Its name as a document in `language` prints it (the Swedish name of a bilingual body)."""
        if language == "sv" and self.is_bilingual and self.name_sv:
            return self.name_sv
        return self.name

    def memberships_on(self, day: dt.date) -> models.QuerySet[Membership]:
        """Who sits on the body or serves it on `day`."""
        return self.memberships.active_on(day)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: dt.date) -> MembershipQuerySet:
        """The memberships in force on `day`."""
        return self.filter(start_date__lte=day).exclude(end_date__lt=day)

    def current(self) -> MembershipQuerySet:
        return self.active_on(timezone.localdate())

    def of_user(self, user: AbstractBaseUser, role: str | None = None) -> MembershipQuerySet:
        """The memberships of the person linked to `user` (in `role` only, when given)."""
        found = self.filter(person__user=user)
        return found if role is None else found.filter(role=role)


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Personal deputy")
        PRESENTER = "presenter", _("Presenting official")
        SECRETARY = "secretary", _("Secretary")

        @classmethod
        def voting(cls) -> list[str]:
            return [cls.CHAIR, cls.VICE_CHAIR, cls.MEMBER]

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role)
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("personal deputy of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")) | Q(end_date__isnull=True),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.get_role_display()} ({self.body})"

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def is_member(self) -> bool:
        """Members vote; presenters and secretaries are officials."""
        return self.role in (*self.Role.voting(), self.Role.DEPUTY)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.role == self.Role.DEPUTY:
            if self.deputy_of_id is None:
                errors["deputy_of"] = _("Choose the member whose personal deputy this is.")
            elif self.deputy_of.body_id != self.body_id or self.deputy_of.role not in self.Role.voting():
                errors["deputy_of"] = _("Choose a member of the same body.")
        elif self.deputy_of_id is not None:
            errors["deputy_of"] = _("Only a personal deputy has a member to stand in for.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)
