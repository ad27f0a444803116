"""Data for the two-server test (.ci/two_servers), after `bench/generate_scale.py` and
`generate_scale_funds` have filled its database: `python tests/multiserver/setup_two_servers.py
OUT.json`, with the same environment as the servers (DATABASE_URL, DJANGO_ENV=development).

It leaves one fund with room for exactly TEN postings of POSTING_PENCE (money to spend plus the
approved overdraft), through the ledger's own service, and writes what the test needs to know
(who signs in, which people's funds) to OUT.json. The test itself talks to the servers only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directsupport.settings")

POSTING_PENCE = 10_00
TEN = 10
BACKUP_CODES = 20


def main(out: Path) -> None:
    import django

    django.setup()

    from django.db import transaction
    from django.utils import timezone

    from bench.accounts import BENCH_PASSWORD, bench_email
    from directsupport.accounts.models import User
    from directsupport.accounts.two_factor import issue_backup_codes
    from directsupport.funds.access import can_post_to_ledger
    from directsupport.funds.ledger import posting
    from directsupport.funds.ledger.balances import fund_balances
    from directsupport.funds.ledger.services import post_by_hand
    from directsupport.funds.models import Agreement, AgreementStatus, Fund
    from directsupport.lib.forms import new_form_key

    finance = User.objects.get(email=bench_email("finance"))
    funds = [
        fund
        for fund in Fund.objects.filter(
            pk__in=Agreement.objects.filter(status=AgreementStatus.APPROVED).values("fund")
        ).order_by("pk")[:10]
        if can_post_to_ledger(finance, fund)
    ]
    if len(funds) < 2:
        raise SystemExit(
            "Need two funds the bench finance user may post to: run bench/generate_scale.py."
        )
    ten_fund, replay_fund = funds[0], funds[1]

    room = fund_balances(ten_fund.pk).available_pence + posting.overdraft_limit_pence(ten_fund)
    wanted = TEN * POSTING_PENCE
    if room != wanted:
        with transaction.atomic():
            post_by_hand(
                fund=ten_fund,
                choice="supplier_payment" if room > wanted else "extra_allocation",
                effective_on=timezone.localdate(),
                amount_pence=abs(room - wanted),
                description="Setting up the two-server test",
                counterparty="Two-server test",
                form_key=new_form_key(),
                actor=finance,
            )
    room = fund_balances(ten_fund.pk).available_pence + posting.overdraft_limit_pence(ten_fund)
    if room != wanted:
        raise SystemExit(f"The fund has room for {room} pence, not {wanted}.")

    # Fresh single-use codes each time, so the test can be run again after a new set-up.
    codes = issue_backup_codes(finance, [f"twosrv{n:04d}" for n in range(BACKUP_CODES)])
    out.write_text(
        json.dumps(
            {
                "password": BENCH_PASSWORD,
                "finance_email": finance.email,
                "finance_backup_codes": codes,
                # Never signed in by the test, so its lockout says nothing about the others.
                "lockout_email": bench_email("expert"),
                "ten_postings_person": ten_fund.person_id,
                "posting_pence": POSTING_PENCE,
                "postings_that_fit": TEN,
                "replay_person": replay_fund.person_id,
            },
            indent=2,
        )
    )
    print(f"Two-server test data written to {out}.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
