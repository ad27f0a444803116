"""manage.py import_openreferral FILE [--provider NAME] [--district HF3] [--kind KIND]: import an
Open Referral UK JSON file into a provider's supplier directory, whole or not at all, through
the same service as the market shaper's page; prints what was added, updated or left out, or
every problem (and exits non-zero) when the file is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.market.districts import BadPostcode, district_for
from directsupport.market.models import SupplierKind
from directsupport.market.openreferral.feed import MAX_BYTES
from directsupport.market.openreferral.services import import_feed


class Command(BaseCommand):
    help = "Import an Open Referral UK JSON file into a provider's supplier directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The JSON file.")
        parser.add_argument(
            "--provider",
            help="The provider whose directory it goes into (needed if there is more than one).",
        )
        parser.add_argument(
            "--district",
            help="Postcode district for new suppliers the file does not place, such as HF3.",
        )
        parser.add_argument(
            "--kind",
            default=SupplierKind.COMMUNITY_GROUP,
            choices=SupplierKind.values,
            help="Kind of supplier for suppliers new to the directory.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB.")
        provider = self._provider(options["provider"])
        district = None
        if options["district"]:
            try:
                district = district_for(options["district"])
            except BadPostcode as bad:
                raise CommandError(str(bad)) from None
        report = import_feed(
            raw=path.read_bytes(),
            directory_owner=provider,
            actor=None,
            default_district=district,
            new_supplier_kind=options["kind"],
        )
        if report.refused:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{path} was not imported: {len(report.problems)} problems.")
        self.stdout.write(f"Imported {path} ({report.shape}) into {provider.name}'s directory.")
        self.stdout.write(report.summary())
        for label, names in (
            ("Suppliers added", report.suppliers_added),
            ("Suppliers updated", report.suppliers_updated),
            ("Services added", report.services_added),
            ("Services updated", report.services_updated),
            ("Terms added", report.terms_added),
        ):
            if names:
                self.stdout.write(f"{label}: {', '.join(names)}")
        for reason, count in report.left_out:
            self.stdout.write(f"Left out ({count}): {reason}")

    def _provider(self, name: str | None) -> Organisation:
        providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
        if name:
            provider = providers.filter(name__iexact=name).first()
            if provider is None:
                raise CommandError(f"No provider called {name!r}.")
            return provider
        found = list(providers[:2])
        if len(found) != 1:
            raise CommandError("Say which provider's directory with --provider NAME.")
        return found[0]
