import pytest

from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Account, Kind

from .conftest import START, new_key


@pytest.mark.django_db
def test_spending_more_than_the_fund_holds_is_refused(dee_fund, allocate, finance):
    allocate(dee_fund, 10_000)
    with pytest.raises(posting.WouldOverdraw):
        posting.post(
            fund=dee_fund,
            kind=Kind.PURCHASE,
            lines=posting.spend_lines(Account.PURCHASES, 10_001),
            effective_on=START,
            description="Kettle",
            idempotency_key=new_key(),
            actor=finance,
        )
    assert fund_balances(dee_fund.pk).available_pence == 10_000
