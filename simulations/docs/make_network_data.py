"""Write Fjordvik's referral network (simulations/samlab/data/fjordvik_network_*.csv).

The referrals per year come from the silo scenario, seed 1 (600 children, three years);
only ties with at least 8 referrals a year are kept, the flows that carry most children.
The trust and value ratings (1-4) are invented for the course: services in the same sector
and services that meet often trust each other more, NAV and the adult services less. A
referral to specialist health that went through the GP (fastlege) is a tie to the GP and a
tie from the GP on; the GP counts as part of health, children's and adults' alike.
"""

from __future__ import annotations

from pathlib import Path

import samlab
from samlab.labels import service_label
from samlab.network_map import referral_network

DATA = Path(__file__).resolve().parents[1] / "samlab" / "data"
SECTOR = {
    "kindergarten": "school",
    "school": "school",
    "upper_secondary": "school",
    "ppt": "school",
    "health_station": "health",
    "bup": "health",
    "child_health": "health",
    "adult_health": "adult",
    "nav": "adult",
    "barnevern": "welfare",
    "barnevern_aftercare": "welfare",
    "fastlege": "health",
}


#: The GP (fastlege) refers to child and adult specialist health alike.
HEALTH = {"health_station", "bup", "child_health", "adult_health", "fastlege"}


def rating(source: str, target: str) -> tuple[int, int]:
    same = SECTOR[source] == SECTOR[target]
    if "fastlege" in (source, target):
        same = {source, target} <= HEALTH
    adult = "adult" in (SECTOR[source], SECTOR[target])
    trust = 3 if same else (2 if not adult else 1)
    value = 4 if same else 3 if not adult else 2
    return trust, value


def main() -> None:
    result = samlab.simulate("silo", seed=1)
    keys = {
        service_label(k, "nb", short=True): k
        for k in [*samlab.services.SERVICES_BY_KEY, "fastlege"]
    }
    base = referral_network(result, "nb")
    # The ties that carry most children: at least 8 referrals a year.
    base = base[base["referrals_per_year"] >= 8].reset_index(drop=True)
    pairs = [(keys[a], keys[b]) for a, b in zip(base["from"], base["to"], strict=True)]
    base["trust"] = [rating(a, b)[0] for a, b in pairs]
    base["value"] = [rating(a, b)[1] for a, b in pairs]
    for lang in ("nb", "en"):
        table = base.copy()
        table["from"] = [service_label(a, lang, short=True) for a, _ in pairs]
        table["to"] = [service_label(b, lang, short=True) for _, b in pairs]
        if lang == "nb":  # the same headers as the Norwegian template
            table.columns = ["fra", "til", "henvisninger_per_år", "tillit", "verdi"]
        table.to_csv(DATA / f"fjordvik_network_{lang}.csv", index=False)
        print(f"wrote fjordvik_network_{lang}.csv ({len(table)} ties)")


if __name__ == "__main__":
    main()
