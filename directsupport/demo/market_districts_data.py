"""The postcode districts of the demo's directory: Hollowfield's seven (HF1 to HF7, one for each
neighbourhood in organisations_data.AREAS) and the nearest districts of the two neighbouring
boroughs, where some suppliers are based and from where some travel in.

Centres are British National Grid points (metres east and north), placed as an outer-London
borough in the north-east of the city would be: the Lee Valley to the east (Eastmere, across
the river), Thornbury to the west. Hollowfield is about 7 km across, so the farthest two of its
districts are about 8 km apart and a supplier's "5 km" radius reaches half the borough.
All fictional: no real place has these codes.
"""

from __future__ import annotations

from dataclasses import dataclass

HOLLOWFIELD = "London Borough of Hollowfield"
THORNBURY = "London Borough of Thornbury"
EASTMERE = "London Borough of Eastmere"


@dataclass(frozen=True)
class DistrictSpec:
    code: str
    name: str
    easting_m: int
    northing_m: int
    borough: str


DISTRICTS: tuple[DistrictSpec, ...] = (
    # Hollowfield: the names are the neighbourhoods people live in (organisations_data.AREAS).
    DistrictSpec("HF1", "Hollowfield Central", 534_200, 194_100, HOLLOWFIELD),
    DistrictSpec("HF2", "Northfield", 533_600, 197_300, HOLLOWFIELD),
    DistrictSpec("HF3", "Marsh Green", 536_900, 193_200, HOLLOWFIELD),
    DistrictSpec("HF4", "Ashby Vale", 531_200, 195_000, HOLLOWFIELD),
    DistrictSpec("HF5", "Kingsmere", 532_300, 191_600, HOLLOWFIELD),
    DistrictSpec("HF6", "Brookwick", 535_400, 190_800, HOLLOWFIELD),
    DistrictSpec("HF7", "St Ansell's", 530_600, 198_200, HOLLOWFIELD),
    # Thornbury, to the west.
    DistrictSpec("TB1", "Thornbury Town", 528_200, 193_800, THORNBURY),
    DistrictSpec("TB2", "Oakhurst", 527_600, 197_600, THORNBURY),
    DistrictSpec("TB4", "Fenwick Park", 529_400, 190_300, THORNBURY),
    # Eastmere, across the River Lee.
    DistrictSpec("EM2", "Eastmere Lock", 539_600, 194_600, EASTMERE),
    DistrictSpec("EM3", "Wharfside", 538_900, 190_200, EASTMERE),
)

HOLLOWFIELD_CODES: tuple[str, ...] = tuple(d.code for d in DISTRICTS if d.borough == HOLLOWFIELD)

# Where each demo neighbourhood is: the person's home district is their area's.
DISTRICT_OF_AREA: dict[str, str] = {
    "Hollowfield Central": "HF1",
    "Northfield": "HF2",
    "Marsh Green": "HF3",
    "Ashby Vale": "HF4",
    "Kingsmere": "HF5",
    "Brookwick": "HF6",
    "St Ansell's": "HF7",
}
