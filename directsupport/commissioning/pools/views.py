"""Pools: the list (with "propose pools now" for market shapers), a pool's page for staff and
commissioners, the person's own easy-read page with their Yes or No, staff recording a member's
answer, a member leaving, closing a pool and sending it out to quote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.lib.forms import add_service_errors
from directsupport.market.models import Supplier
from directsupport.people.access import people_visible_to

from ..access import (
    COMMISSIONING_READERS,
    PERSON_SIDE,
    can_commission,
    check_may_commission,
    get_pool_for_user,
    pools_visible_to,
)
from ..models import MemberStatus, Pool, PoolMember, PoolStatus
from .forms import CloseForm, LeaveForm, OwnAnswerForm, QuoteForm, StaffAnswerForm
from .proposing import propose_pools
from .services import (
    ABSENCE_RULE,
    ABSENCE_RULE_EASY,
    LEAVING_RULE,
    LEAVING_RULE_EASY,
    answer,
    close_pool,
    leave_pool,
    send_pool_to_quote,
)

STATUS_ORDER = [
    PoolStatus.PROPOSED,
    PoolStatus.AGREED,
    PoolStatus.OUT_TO_QUOTE,
    PoolStatus.CONTRACTED,
    PoolStatus.CLOSED,
]
STILL_IN = (MemberStatus.ASKED, MemberStatus.AGREED)
# Who has a pools page: the provider's readers, commissioners (pools of people their council
# funds), and people and their circles (their own pools); pools_visible_to narrows each.
POOL_LIST_ROLES = COMMISSIONING_READERS | PERSON_SIDE | {Role.COMMISSIONER}
REPLY_DAYS = 7
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
START_AFTER_DAYS = 28


def _url_if_built(name: str, *args: Any) -> str:
    """A page another part of commissioning builds, linked only once it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _members(pool: Pool) -> QuerySet[PoolMember]:
    return pool.members.select_related("person", "need", "recorded_by").order_by(
        "person__first_name", "id"
    )


def _audit_read(request: HttpRequest, pool: Pool, members: list[PoolMember], what: str) -> None:
    for member in members:
        record_view(
            request, person_id=member.person_id, subject=pool, summary=f"{what} {pool.reference}"
        )


def _check_may_list(user: User) -> None:
    if not (user.is_active and user.role in POOL_LIST_ROLES):
        raise NoAccess(
            subject_type="commissioning.pool",
            subject_id="list",
            reason=f"No pools for a {user.get_role_display().lower()}",
        )


# --- The list and proposing ----------------------------------------------------------------


def pool_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    _check_may_list(user)
    if user.role in PERSON_SIDE:
        pools = list(pools_visible_to(user).prefetch_related("members__person"))
        visible = set(people_visible_to(user).values_list("pk", flat=True))
        mine = [
            (pool, [m for m in pool.members.all() if m.person_id in visible])
            for pool in pools
            if pool.status != PoolStatus.CLOSED
        ]
        return render(request, "commissioning/pools/list_easy_read.html", {"mine": mine})
    counted = pools_visible_to(user).annotate(
        asked_count=Count("members"),
        agreed_count=Count("members", filter=Q(members__status=MemberStatus.AGREED)),
    )
    by_status = [
        (status.label, [pool for pool in counted if pool.status == status])
        for status in STATUS_ORDER
    ]
    return render(
        request,
        "commissioning/pools/list.html",
        {"by_status": by_status, "can_commission": can_commission(user)},
    )


@require_POST
def pool_propose(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_commission(user, what="proposing pools")
    proposed = propose_pools(
        actor=user,
        organisation=user.organisation,
        today=timezone.localdate(),
        request=request,
    )
    if proposed:
        references = ", ".join(pool.reference for pool in proposed)
        messages.success(request, f"{len(proposed)} new pool(s) proposed: {references}.")
    else:
        messages.info(request, "No new pools: no more needs can be met together just now.")
    return redirect("commissioning:pool_list")


# --- A pool --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    member: PoolMember
    name: str
    named: bool  # False for someone the reader may not see (another council's person)

    @property
    def saving(self) -> int:
        return self.member.alone_pence_a_week - self.member.pooled_pence_a_week


def _rows(user: User, members: list[PoolMember]) -> list[MemberRow]:
    if user.role in COMMISSIONING_READERS:
        return [MemberRow(m, m.person.display_name, True) for m in members]
    visible = set(people_visible_to(user).values_list("pk", flat=True))
    return [
        MemberRow(m, m.person.called if m.person_id in visible else "Another person", True)
        if m.person_id in visible
        else MemberRow(m, "Another person", False)
        for m in members
    ]


def pool_detail(request: AuthenticatedRequest, pool_pk: int) -> HttpResponse:
    user = request.user
    pool = get_pool_for_user(user, pool_pk)
    members = list(_members(pool))
    if user.role in PERSON_SIDE:
        return _easy_read(request, pool, members)
    rows = _rows(user, members)
    _audit_read(request, pool, [row.member for row in rows if row.named], "Pool")
    may_change = can_commission(user) and pool.organisation_id == user.organisation_id
    rfq = pool.requests.order_by("-id").first()
    return render(
        request,
        "commissioning/pools/detail.html",
        {
            "pool": pool,
            "rows": rows,
            # The council learns that a representative decided, never who (often family).
            "council_view": user.role == Role.COMMISSIONER,
            "agreed": sum(1 for m in members if m.status == MemberStatus.AGREED),
            "may_change": may_change,
            "absence_rule": ABSENCE_RULE,
            "leaving_rule": LEAVING_RULE,
            "rfq": rfq,
            "rfq_url": _url_if_built("commissioning:request_detail", rfq.pk) if rfq else "",
            "contract_url": _contract_url(pool),
            "can_quote": may_change and pool.status == PoolStatus.AGREED,
            "can_close": may_change and pool.status != PoolStatus.CLOSED,
            "answers_open": pool.status
            in (PoolStatus.PROPOSED, PoolStatus.AGREED, PoolStatus.OUT_TO_QUOTE),
        },
    )


def _contract_url(pool: Pool) -> str:
    """The pool's contract page, once contracts are built and the pool has one."""
    contract = pool.contracts.order_by("-id").first()
    return _url_if_built("commissioning:contract_detail", contract.pk) if contract else ""


def _easy_read(
    request: AuthenticatedRequest,
    pool: Pool,
    members: list[PoolMember],
    form: OwnAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The person's (or their circle's) page: the others' first names, their own cost in the
    group and alone, and Yes or No."""
    user = request.user
    visible = set(people_visible_to(user).values_list("pk", flat=True))
    own = [m for m in members if m.person_id in visible]
    others = [
        m.person.called for m in members if m.person_id not in visible and m.status in STILL_IN
    ]
    _audit_read(request, pool, own, "Pool in easy read")
    mine = next((m for m in own if m.person.user_id == user.pk), None)
    if form is None and mine is not None:
        form = OwnAnswerForm(
            pays_more=mine.pooled_pence_a_week > mine.alone_pence_a_week,
            initial={
                "agrees": {"agreed": "yes", "declined": "no"}.get(mine.status),
                "in_their_words": mine.in_their_words,
            },
        )
    return render(
        request,
        "commissioning/pools/easy_read.html",
        {
            "pool": pool,
            "own": own,
            "mine": mine,
            "others": others,
            "form": form,
            "answers_open": pool.status
            in (PoolStatus.PROPOSED, PoolStatus.AGREED, PoolStatus.OUT_TO_QUOTE),
            "day": DAY_NAMES[pool.weekday],
            "absence_rule": ABSENCE_RULE_EASY,
            "leaving_rule": LEAVING_RULE_EASY,
        },
        status=status,
    )


def pool_answer(request: AuthenticatedRequest, pool_pk: int) -> HttpResponse:
    """The person says Yes or No for themselves, in easy read. Others who may see the pool
    (their circle, staff, commissioners) may read it but not answer here (403); staff record
    an answer on the member's own page."""
    user = request.user
    pool = get_pool_for_user(user, pool_pk)
    mine = pool.members.select_related("person").filter(person__user=user).first()
    if user.role != Role.PERSON or mine is None:
        raise ReadOnly(
            subject_type="commissioning.pool",
            subject_id=pool.pk,
            reason="Read-only access: only the person answers for themselves here",
        )
    if request.method != "POST":
        return redirect("commissioning:pool_detail", pool.pk)
    form = OwnAnswerForm(request.POST, pays_more=mine.pooled_pence_a_week > mine.alone_pence_a_week)
    if form.is_valid():
        try:
            answer(actor=user, member=mine, request=request, **form.answer_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. Your answer is saved.")
            return redirect("commissioning:pool_detail", pool.pk)
    return _easy_read(request, pool, list(_members(pool)), form=form, status=400)


def _member_for_change(user: User, pool_pk: int, pool_member_pk: int) -> tuple[Pool, PoolMember]:
    pool = get_pool_for_user(user, pool_pk, write=True)
    member = _members(pool).filter(pk=pool_member_pk).first()
    if member is None:
        raise NoAccess(
            subject_type="commissioning.poolmember",
            subject_id=pool_member_pk,
            reason="No such member of this pool",
        )
    return pool, member


def pool_member_answer(
    request: AuthenticatedRequest, pool_pk: int, pool_member_pk: int
) -> HttpResponse:
    """Staff record a member's answer: what the person said, or their representative."""
    user = request.user
    pool, member = _member_for_change(user, pool_pk, pool_member_pk)
    pays_more = member.pooled_pence_a_week > member.alone_pence_a_week
    if request.method == "POST":
        form = StaffAnswerForm(request.POST, person=member.person, pays_more=pays_more)
        if form.is_valid():
            try:
                answer(actor=user, member=member, request=request, **form.answer_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{member.person.called}'s answer is saved.")
                return redirect("commissioning:pool_detail", pool.pk)
    else:
        record_view(
            request,
            person_id=member.person_id,
            subject=member,
            summary=f"Answer page for pool {pool.reference}",
        )
        form = StaffAnswerForm(
            person=member.person,
            pays_more=pays_more,
            initial={
                "agrees": {"agreed": "yes", "declined": "no"}.get(member.status),
                "decided_by": member.decided_by or None,
                "representative_name": member.representative_name,
                "representative_reason": member.representative_reason,
                "in_their_words": member.in_their_words,
                "agreed_to_pay_more": member.agreed_to_pay_more,
            },
        )
    return render(
        request,
        "commissioning/pools/member_answer.html",
        {"pool": pool, "member": member, "form": form, "pays_more": pays_more},
        status=400 if form.errors else 200,
    )


def pool_member_leave(
    request: AuthenticatedRequest, pool_pk: int, pool_member_pk: int
) -> HttpResponse:
    user = request.user
    pool, member = _member_for_change(user, pool_pk, pool_member_pk)
    if request.method == "POST":
        form = LeaveForm(request.POST)
        if form.is_valid():
            try:
                leave_pool(
                    actor=user,
                    member=member,
                    left_on=form.cleaned_data["left_on"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{member.person.called} has left {pool.reference}.")
                return redirect("commissioning:pool_detail", pool.pk)
    else:
        form = LeaveForm(initial={"left_on": timezone.localdate()})
    return render(
        request,
        "commissioning/pools/member_leave.html",
        {
            "pool": pool,
            "member": member,
            "form": form,
            "contract_url": _contract_url(pool),
        },
        status=400 if form.errors else 200,
    )


def pool_close(request: AuthenticatedRequest, pool_pk: int) -> HttpResponse:
    user = request.user
    pool = get_pool_for_user(user, pool_pk, write=True)
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                close_pool(
                    actor=user, pool=pool, reason=form.cleaned_data["reason"], request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{pool.reference} is closed.")
                return redirect("commissioning:pool_detail", pool.pk)
    else:
        form = CloseForm()
    return render(
        request,
        "commissioning/pools/close.html",
        {"pool": pool, "form": form},
        status=400 if form.errors else 200,
    )


def _directory_for(pool: Pool) -> QuerySet[Supplier]:
    """The provider's directory, suppliers offering this kind of support first."""
    return (
        Supplier.objects.filter(directory_owner_id=pool.organisation_id)
        .select_related("organisation", "base_district")
        .filter(services__terms=pool.term)
        .distinct()
        .order_by("organisation__name")
    )


def pool_quote(request: AuthenticatedRequest, pool_pk: int) -> HttpResponse:
    """Send an agreed pool out as one request for quote."""
    user = request.user
    pool = get_pool_for_user(user, pool_pk, write=True)
    suppliers = _directory_for(pool)
    if request.method == "POST":
        form = QuoteForm(request.POST, suppliers=suppliers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rfq = send_pool_to_quote(
                    actor=user,
                    pool=pool,
                    suppliers=data["suppliers"],
                    respond_by=data["respond_by"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    details=data["details"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{pool.reference} is out to quote as {rfq.reference}.")
                return redirect("commissioning:pool_detail", pool.pk)
    else:
        today = timezone.localdate()
        form = QuoteForm(
            suppliers=suppliers,
            initial={
                "respond_by": today + dt.timedelta(days=REPLY_DAYS),
                "starts_on": today + dt.timedelta(days=START_AFTER_DAYS),
            },
        )
    agreed = list(_members(pool).filter(status=MemberStatus.AGREED))
    return render(
        request,
        "commissioning/pools/quote.html",
        {"pool": pool, "form": form, "agreed": agreed},
        status=400 if form.errors else 200,
    )
