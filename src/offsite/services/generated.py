"""A large, realistic plan made to order: for tests that must hold on a big plan, and for timing.

``make_plan(path, objectives=1000, leaders=8, teams=4)`` writes a plan the way a long offsite would
leave it: teams and leaders, company goals with targets, objectives with a method of a few lines
and one to three metrics (some customer-centric or shared), buy-in stances from every concerned
leader (mostly agreed, some discussing, changes requested or declined, some not given yet), data
definitions with their stances, a brainstorm (why-chains, a candidate pool with SMART marks, dots
and a shortlist, most objectives promoted from a candidate), a few overlaps between teams (a metric
name or a data source in common) of which about half are settled, and every leader's rating of
alignment; and, when asked, the agreements beyond goals (``generated_agreements``).

The small things (plan details, teams, leaders, goals, settling overlaps, ratings) go through the
service verbs. The bulk (objectives and everything hanging off them) is written in one
transaction, because a thousand objectives through one verb each would take minutes; every value
is still passed through ``domain.rules``, so the plan holds nothing a user could not have typed.
The same arguments give the same plan (a seeded random generator; uids aside).

``scripts=True`` writes the plan as an international team would (``generated_words``): short
objectives, methods of three or four sentences, metrics, comments, why-chains, ideas and
definitions mostly in English, the rest in German, French, Russian, Arabic, Hebrew, Japanese,
Chinese and Hindi; the leaders' names in their own scripts. ``ideas``, ``why_chains`` (each
``why_depth`` statements deep) and ``definitions`` then set how many of each the plan holds, so
a plan can be made at any multiple of another plan's size.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from offsite.domain.exercises import Exercise, SmartCriterion
from offsite.domain.overlap import OverlapRule
from offsite.domain.rules import (
    clean_date,
    clean_direction,
    clean_impact,
    clean_number,
    clean_stance,
    clean_text,
)
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Stance
from offsite.services import generated_words as words
from offsite.services.generated_agreements import write_agreements
from offsite.services.generated_words import Language
from offsite.services.overlaps import resolve_overlap
from offsite.services.plans import create_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.survey import rate_alignment
from offsite.store.models import (
    Candidate,
    Definition,
    DefinitionStance,
    DotVote,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveTeam,
    StanceRecord,
    Team,
    WhyNode,
    new_uid,
)
from offsite.store.planfile import PlanFile

STARTS = dt.date(2027, 1, 14)
RECORDED = dt.datetime(2027, 1, 15, 9, 0)

TEAM_NAMES = (
    "Sales",
    "Marketing",
    "Customer Success",
    "Revenue Operations",
    "Partnerships",
    "Product Marketing",
    "Sales Development",
    "Field Marketing",
)
FIRST_NAMES = (
    "Maya",
    "Daniel",
    "Priya",
    "Lena",
    "Tomás",
    "Aiko",
    "Kwame",
    "Sofia",
    "Omar",
    "Ingrid",
    "Ravi",
    "Chloé",
)
LAST_NAMES = (
    "Okafor",
    "Kim",
    "Raman",
    "Fischer",
    "García",
    "Tanaka",
    "Mensah",
    "Rossi",
    "Haddad",
    "Berg",
    "Shah",
)
TITLES = ("VP", "Director", "Head", "Senior Manager")
GOALS = (
    ("Grow annual recurring revenue", 42.0, 60.0, "M€"),
    ("Raise net revenue retention", 104.0, 112.0, "%"),
    ("Win new enterprise logos", 35.0, 60.0, "logos"),
    ("Cut the sales cycle", 94.0, 70.0, "days"),
    ("Lift customer satisfaction", 78.0, 85.0, "CSAT"),
    ("Expand in the Nordics", 3.0, 8.0, "M€"),
)
ADJECTIVES = (
    "mid-market",
    "partner-sourced",
    "self-serve",
    "outbound",
    "inbound",
    "regional",
    "strategic",
    "digital",
    "renewal",
    "expansion",
    "vertical",
    "channel",
    "executive",
    "product-led",
    "referral",
    "community",
    "analyst",
    "event",
    "trial",
    "pricing",
)
NOUNS = (
    "pipeline",
    "bookings",
    "playbooks",
    "forecasting",
    "onboarding",
    "webinars",
    "routing",
    "territories",
    "references",
    "sequences",
    "scorecards",
    "dashboards",
    "cadences",
    "enablement",
    "sponsorships",
    "benchmarks",
    "handoffs",
    "renewals",
    "workshops",
    "campaigns",
)
SEGMENTS = (
    "banks",
    "insurers",
    "retailers",
    "hospitals",
    "universities",
    "manufacturers",
    "utilities",
    "airlines",
    "publishers",
    "startups",
    "municipalities",
    "logistics",
    "pharma",
    "telecoms",
    "automotive",
    "agencies",
    "hotels",
    "wholesalers",
    "insurtechs",
    "fintechs",
)
CODENAMES = (
    "Aurora",
    "Basalt",
    "Cobalt",
    "Dune",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Onyx",
    "Pioneer",
    "Quartz",
    "Raven",
    "Sierra",
    "Tundra",
    "Umber",
    "Vega",
    "Willow",
    "Xenon",
    "Yarrow",
    "Zephyr",
)
VERBS = (
    "Grow",
    "Launch",
    "Double",
    "Rebuild",
    "Cut",
    "Automate",
    "Expand",
    "Standardise",
    "Shorten",
    "Win",
    "Scale",
    "Modernise",
    "Simplify",
    "Measure",
    "Relaunch",
)
SUBJECTS = (
    "mid-market pipeline",
    "partner-sourced deals",
    "renewal forecasting",
    "onboarding playbooks",
    "trial conversion",
    "account planning",
    "webinar programme",
    "pricing pages",
    "churn early warnings",
    "reference customers",
    "territory design",
    "lead routing",
    "analyst relations",
    "upsell motions",
    "win-loss reviews",
    "product-led signups",
)
PLACES = (
    "in DACH",
    "in the Nordics",
    "in Benelux",
    "in France",
    "in Iberia",
    "in the UK",
    "in Italy",
    "in Poland",
)
METHOD_STEPS = (
    "Name one owner and meet weekly on progress.",
    "Agree the definition with Revenue Operations first.",
    "Pilot with two teams, then roll out.",
    "Review the numbers at every monthly business review.",
    "Retire the old report once the new one is trusted.",
    "Train every manager before the quarter starts.",
    "Publish the results to the whole company.",
)
UNITS = ("deals", "%", "k€", "accounts", "days", "leads", "meetings", "NPS")
SOURCES = ("Salesforce", "HubSpot", "Gainsight", "Looker", "Zendesk", "Finance close", "Gong")
PERIODS = ("Q1 2027", "Q2 2027", "H1 2027", "H2 2027", "FY2027")
STANCES = (
    (Stance.AGREED, 70),
    (Stance.DISCUSSING, 10),
    (Stance.CHANGES_REQUESTED, 7),
    (Stance.DECLINED, 4),
    (None, 9),  # not given yet: the leader's cell stays pending
)
COMMENTS = (
    "Only if Marketing owns the lead definition.",
    "The target is too high for Q1; make it H1.",
    "We have no headcount for this.",
    "Agree in principle; need the budget confirmed.",
)
TERMS = ("Qualified lead", "Pipeline", "Churn", "Active customer", "Win rate", "Expansion revenue", "Logo")


@dataclass(frozen=True, slots=True)
class _Options:
    """How the bulk is worded and how much of the brainstorm there is (``None``: as before scripts)."""

    scripts: bool = False
    ideas: int | None = None
    why_chains: int | None = None
    why_depth: int = 3
    definitions: int | None = None
    metrics: int | None = None
    agreements: int = 0


def make_plan(
    path: Path | str,
    *,
    objectives: int = 1000,
    leaders: int = 8,
    teams: int = 4,
    goals: int = 5,
    seed: int = 2027,
    scripts: bool = False,
    ideas: int | None = None,
    why_chains: int | None = None,
    why_depth: int = 3,
    definitions: int | None = None,
    metrics: int | None = None,
    agreements: int = 0,
) -> PlanFile:
    """Create a plan at ``path`` (which must not exist) with ``objectives`` objectives; return it open.

    ``teams`` (up to eight) share ``leaders`` round-robin, so every team has a leader when there are
    at least as many leaders as teams. ``scripts`` words the plan in several languages and scripts;
    ``ideas`` (candidates never promoted), ``why_chains`` (``why_depth`` deep) and ``definitions``
    set those counts (by default: a fifth of the objectives, one chain per team three deep, seven);
    ``metrics`` the number of metrics, spread evenly over the objectives (by default one to three each);
    ``agreements`` the agreements beyond goals, a market's set after another (``generated_agreements``).
    """
    if metrics is not None and not objectives <= metrics <= 3 * objectives:
        raise ValueError(f"{metrics:,} metrics do not fit {objectives:,} objectives of one to three each.")
    options = _Options(scripts, ideas, why_chains, why_depth, definitions, metrics, agreements)
    if not 1 <= teams <= len(TEAM_NAMES):
        raise ValueError(f"teams must be from 1 to {len(TEAM_NAMES)}, not {teams}.")
    rng = random.Random(seed)
    plan = create_plan(path, f"Revenue offsite 2027 ({objectives:,} objectives)")
    update_plan_details(
        plan,
        starts_on=STARTS,
        ends_on=STARTS + dt.timedelta(days=1),
        venue="Lakeside Hotel, Zurich",
        horizon="FY2027",
        vision="One revenue team: every objective serves a company goal and every leader signs the plan.",
    )
    team_ids = [add_team(plan, name).id for name in TEAM_NAMES[:teams]]
    leader_ids: list[tuple[int, int]] = []  # (leader id, team id)
    for n in range(leaders):
        team = team_ids[n % teams]
        name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]}"
        title = f"{TITLES[n % len(TITLES)]} of {TEAM_NAMES[n % teams]}"
        if scripts:
            name, title = words.LEADERS[n % len(words.LEADERS)]
            if n >= len(words.LEADERS):  # a second leader of the same name is told apart
                name = f"{name} {n // len(words.LEADERS) + 1}"
        leader_ids.append((add_leader(plan, name, title, team).id, team))
    goal_ids = []
    for n in range(goals):
        statement, baseline, target, unit = GOALS[n % len(GOALS)]
        goal_ids.append(
            add_company_goal(
                plan, statement, baseline=baseline, target=target, unit=unit, due=dt.date(2027, 12, 31)
            ).id
        )
    overlaps = _write_bulk(plan, rng, objectives, team_ids, leader_ids, goal_ids, options)
    _settle_every_other(plan, overlaps)
    for n, (leader, _team) in enumerate(leader_ids):
        rate_alignment(
            plan, leader, 2 + (n % 4), "We agree on the goals; the handoffs still hurt." if n % 3 else ""
        )
    return plan


def _write_bulk(
    plan: PlanFile,
    rng: random.Random,
    count: int,
    team_ids: Sequence[int],
    leaders: Sequence[tuple[int, int]],
    goal_ids: Sequence[int],
    options: _Options,
) -> list[tuple[OverlapRule, int, int]]:
    """Objectives, metrics, stances, candidates, votes, why-chains and definitions: one transaction.

    Returns the overlaps written on purpose (rule, first objective id, second objective id).
    """
    with plan.write() as session:
        rows: list[Objective] = []
        owners: list[list[int]] = []
        languages: list[Language] = []
        for n in range(count):
            team = team_ids[n % len(team_ids)]
            shared = n % 12 == 5 and len(team_ids) > 1
            teams = [team, team_ids[(n + 1) % len(team_ids)]] if shared else [team]
            owners.append(teams)
            if options.scripts:
                language = words.pick_language(rng)
                statement, method = _script_wording(rng, language, n)
            else:
                language = words.ENGLISH
                statement, method = _wording(rng, n)
            languages.append(language)
            if n % 100 == 8:  # once in a hundred, two teams write the same objective: an overlap
                statement, method = rows[-1].statement, rows[-1].method
            rows.append(
                Objective(
                    statement=clean_text(statement, "Objective"),
                    period=clean_text(rng.choice(PERIODS), "Period"),
                    method=clean_text(method, "Method"),
                    position=n,
                )
            )
        session.add_all(rows)
        session.flush()
        session.execute(
            insert(ObjectiveTeam),
            [
                {"objective_id": o.id, "team_id": t}
                for o, teams in zip(rows, owners, strict=True)
                for t in teams
            ],
        )
        links = [
            {"objective_id": o.id, "goal_id": goal_ids[n % len(goal_ids)]}
            for n, o in enumerate(rows)
            if goal_ids and n % 10 != 9  # one objective in ten is not linked to a company goal yet
        ]
        if links:
            session.execute(insert(ObjectiveGoal), links)
        scripted = languages if options.scripts else None
        _metrics(session, rng, rows, scripted, options.metrics)
        _stances(session, rng, rows, owners, leaders, scripted)
        _brainstorm(session, rng, rows, owners, team_ids, leaders, options)
        if options.definitions is None:
            _definitions(session, rng, team_ids, leaders)
        else:
            _script_definitions(session, rng, team_ids, leaders, options.definitions)
        write_agreements(
            session,
            rng,
            options.agreements,
            team_ids,
            TEAM_NAMES[: len(team_ids)],
            leaders,
            [(o.id, len(teams) > 1) for o, teams in zip(rows, owners, strict=True)],
        )
        return [
            (
                OverlapRule.SHARED_METRIC_NAME if n % 40 == 3 else OverlapRule.SIMILAR_WORDING,
                o.id,
                rows[n + 1].id,
            )
            for n, o in enumerate(rows[:-1])
            if n % 40 == 3 or n % 100 == 7
        ]


def _wording(rng: random.Random, n: int) -> tuple[str, str]:
    """An objective's statement and method, varied as in a real plan where the overlap rules find a
    handful of pairs, not thousands: each names its own project and first accounts (made-up words,
    ``_name``), so two objectives never read alike by chance."""
    words = [_name(12 * n + k) for k in range(12)]
    statement = (
        f"{rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} with {rng.choice(SEGMENTS)} "
        f"{rng.choice(PLACES)}: {words[0]} {words[1]}"
    )
    steps = rng.sample(METHOD_STEPS, 1)
    accounts = f"With {', '.join(words[2:11])} and {words[11]}."
    return statement, "\n".join([*steps, accounts])


def _script_wording(rng: random.Random, language: Language, n: int) -> tuple[str, str]:
    """A short objective in ``language`` and a method of three or four sentences, the last naming
    its first accounts (made-up names in the language's script, different for every objective)."""
    statement = rng.choice(language.objectives)
    # Three sentences from a large pool, two from a small one: two objectives read alike only when
    # written alike, as in a real plan, not because every method is made of the same few sentences.
    count = 3 if len(language.methods) >= 12 else 2
    sentences = [words.method_sentence(rng, language, s) for s in rng.sample(language.methods, count)]
    names = language.joiner.join(words.proper_name(language, 5 * n + k) for k in range(5))
    sentences.append(language.accounts.format(names=names))
    return statement, " ".join(sentences)


def _script_metric(rng: random.Random, language: Language, n: int) -> tuple[str, str, str]:
    """A metric's name, unit and data source in ``language``: mostly for the objective's own project
    ("Win rate – Kalomine"), one in ten plain ("Win rate"), as several teams' metrics are."""
    name, unit, report = rng.choice(language.metrics)
    source = f"{rng.choice(words.SYSTEMS)}: {report}"
    if rng.random() >= 0.1:
        project = words.proper_name(language, 5 * n)
        name, source = f"{name} – {project}", f"{source} – {project}"
    return name, unit, source


_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "bu", "da", "fe", "go", "hi", "ju", "pe")


def _name(index: int) -> str:
    """A made-up proper name, different for every ``index`` below 16⁴ ("Kalomi", "Rusateka")."""
    syllables = []
    for _ in range(4):
        index, digit = divmod(index, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables).capitalize()


def _metrics(
    session: Session,
    rng: random.Random,
    objectives: Sequence[Objective],
    languages: Sequence[Language] | None,
    total: int | None = None,
) -> None:
    values = []
    for n, objective in enumerate(objectives):
        # ``total`` metrics: as many for each objective, the first ones one more for what is left over.
        count = (
            rng.randint(1, 3) if total is None else total // len(objectives) + (n < total % len(objectives))
        )
        for m in range(count):
            baseline = float(rng.randint(10, 400))
            up = rng.random() < 0.8
            target = (
                baseline * (1 + rng.randint(5, 60) / 100) if up else baseline * (1 - rng.randint(5, 40) / 100)
            )
            # Two neighbours in every forty (two teams' objectives) name the same metric: an overlap.
            shared_name = f"Pipeline coverage {n // 40 + 1}"
            if languages is None:
                name = (
                    shared_name
                    if n % 40 in (3, 4) and m == 0
                    else f"{rng.choice(SUBJECTS).capitalize()} #{n + 1}.{m + 1}"
                )
                source = f"{rng.choice(SOURCES)} report {n + 1}.{m + 1}"
                unit = rng.choice(UNITS)
            else:
                name, unit, source = _script_metric(rng, languages[n], n)
                if n % 40 in (3, 4) and m == 0:
                    name = shared_name
            values.append(
                {
                    "objective_id": objective.id,
                    "name": clean_text(name, "Metric"),
                    "unit": clean_text(unit, "Unit"),
                    "baseline": clean_number(round(baseline, 1), "Baseline"),
                    "target": clean_number(round(target, 1), "Target"),
                    "direction": clean_direction("up" if up else "down", "Direction"),
                    "due": clean_date(dt.date(2027, rng.choice((3, 6, 9, 12)), 28), "Due"),
                    "data_source": clean_text(source, "Data source"),
                    "customer_centric": rng.random() < 0.35,
                    "shared": rng.random() < 0.15,
                    "position": m,
                }
            )
    session.execute(insert(Metric), values)


def _stances(
    session: Session,
    rng: random.Random,
    objectives: Sequence[Objective],
    owners: Sequence[Sequence[int]],
    leaders: Sequence[tuple[int, int]],
    languages: Sequence[Language] | None,
) -> None:
    choices = [stance for stance, _ in STANCES]
    weights = [weight for _, weight in STANCES]
    values: list[dict[str, object]] = []
    for n, (objective, teams) in enumerate(zip(objectives, owners, strict=True)):
        comments = COMMENTS if languages is None else languages[n].comments
        for leader, team in leaders:
            if team not in teams:
                continue
            stance = rng.choices(choices, weights)[0]
            if stance is None:
                continue
            values.append(
                {
                    "objective_id": objective.id,
                    "leader_id": leader,
                    "stance": clean_stance(stance.value).value,
                    "comment": "" if stance is Stance.AGREED else clean_text(rng.choice(comments), "Comment"),
                    "recorded_at": RECORDED + dt.timedelta(minutes=len(values)),
                }
            )
    if values:
        session.execute(insert(StanceRecord), values)


def _brainstorm(
    session: Session,
    rng: random.Random,
    objectives: Sequence[Objective],
    owners: Sequence[Sequence[int]],
    team_ids: Sequence[int],
    leaders: Sequence[tuple[int, int]],
    options: _Options,
) -> None:
    """Why-chains per team, and the candidate pool: most objectives were promoted from a candidate."""
    add = session.add
    if options.why_chains is None:
        for position, team in enumerate(team_ids):
            parent = None
            for depth, text in enumerate(
                ("We exist to grow revenue", "Why? To fund the product", "Why? To keep customers")
            ):
                node = WhyNode(
                    team_id=team,
                    parent_id=parent,
                    text=clean_text(text, "Why"),
                    position=position * 10 + depth,
                )
                add(node)
                session.flush()
                parent = node.id
    else:
        _script_chains(session, rng, team_ids, options.why_chains, options.why_depth)
    candidates: list[Candidate] = []
    for n, (objective, teams) in enumerate(zip(objectives, owners, strict=True)):
        if n % 10 >= 7:  # three objectives in ten were written straight on the Plan screen
            continue
        candidate = _candidate(rng, objective.statement, teams[0], len(candidates))
        candidates.append(candidate)
        objective.origin_candidate_uid = candidate.uid
        objective.origin_label = candidate.origin_label or "the candidate pool"
    # Ideas that did not make it, never promoted: a fifth as many as the objectives, unless told.
    for n in range(len(objectives) // 5 if options.ideas is None else options.ideas):
        if options.scripts:
            language = words.pick_language(rng)
            text = words.fill(rng, language, rng.choice(language.ideas))
        else:
            text = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(PLACES)} (idea {n + 1})"
        candidates.append(_candidate(rng, text, team_ids[n % len(team_ids)], len(candidates)))
    session.add_all(candidates)
    session.flush()
    # Every leader places the default three dots on candidates of their own team.
    votes = []
    for leader, team in leaders:
        own = [c for c in candidates if c.team_id == team]
        for candidate in rng.sample(own, min(3, len(own))):
            votes.append({"leader_id": leader, "candidate_id": candidate.id, "dots": 1})
    if votes:
        session.execute(insert(DotVote), votes)
    voted = {v["candidate_id"] for v in votes}
    for candidate in candidates:
        candidate.shortlisted = candidate.id in voted


def _script_chains(
    session: Session, rng: random.Random, team_ids: Sequence[int], chains: int, depth: int
) -> None:
    """``chains`` ask-why chains, ``depth`` statements each, the teams' in turn; written a level at a
    time (one flush per level, not per statement), each in one language."""
    names = {team.id: team.name for team in session.scalars(select(Team))}
    texts: list[list[str]] = []
    for c in range(chains):
        language = words.pick_language(rng)
        root = words.fill(rng, language, rng.choice(language.roots))
        pool = language.answers
        answers = rng.sample(pool, min(depth - 1, len(pool)))
        answers += rng.choices(pool, k=depth - 1 - len(answers))
        chain = [root.format(team=names[team_ids[c % len(team_ids)]])]
        chain += [words.fill(rng, language, answer) for answer in answers]
        texts.append(chain)
    parents: list[int | None] = [None] * chains
    for level in range(depth):
        nodes = [
            WhyNode(
                team_id=team_ids[c % len(team_ids)],
                parent_id=parents[c],
                text=clean_text(texts[c][level], "Why"),
                position=c * 10 + level,
            )
            for c in range(chains)
        ]
        session.add_all(nodes)
        session.flush()
        parents = [node.id for node in nodes]


def _candidate(rng: random.Random, text: str, team: int, position: int) -> Candidate:
    candidate = Candidate(
        uid=new_uid(),
        team_id=team,
        text=clean_text(text, "Candidate"),
        exercise=Exercise.DIRECT.value,
        origin_label="",
        impact=clean_impact(rng.randint(1, 5)),
        position=position,
    )
    roll = rng.random()
    for criterion in SmartCriterion:
        # Most pass all five; some have a "no"; some are not judged on every question yet.
        value: bool | None = True
        if roll < 0.2 and criterion is SmartCriterion.ACHIEVABLE:
            value = False
        elif 0.2 <= roll < 0.3 and criterion is SmartCriterion.TIMELY:
            value = None
        setattr(candidate, f"smart_{criterion.value}", value)
    return candidate


def _definitions(
    session: Session, rng: random.Random, team_ids: Sequence[int], leaders: Sequence[tuple[int, int]]
) -> None:
    add, flush = session.add, session.flush
    for n, term in enumerate(TERMS):
        team = None if n % 3 == 2 else team_ids[n % len(team_ids)]
        definition = Definition(
            term=clean_text(term, "Term"),
            definition=clean_text(
                f"How we count {term.lower()}: as the {rng.choice(SOURCES)} report does.", "Definition"
            ),
            team_id=team,
            position=n,
        )
        add(definition)
        flush()
        for m, (leader, leader_team) in enumerate(leaders):
            if team is not None and leader_team != team:
                continue
            stance = Stance.AGREED if rng.random() < 0.8 else Stance.DISCUSSING
            add(
                DefinitionStance(
                    definition_id=definition.id,
                    leader_id=leader,
                    stance=stance.value,
                    comment="",
                    recorded_at=RECORDED + dt.timedelta(minutes=m),
                )
            )


def _script_definitions(
    session: Session,
    rng: random.Random,
    team_ids: Sequence[int],
    leaders: Sequence[tuple[int, int]],
    count: int,
) -> None:
    """``count`` data definitions in several languages with every concerned leader's stance, in bulk.

    A term comes back qualified by a region ("Active customer (in the Nordics)"), as a plan that
    defines it per market does."""
    rows: list[Definition] = []
    stances: list[tuple[int, int, Stance]] = []  # (definition's index, leader, stance)
    for n in range(count):
        language = words.pick_language(rng)
        term, meaning = language.terms[n % len(language.terms)]
        if n >= len(language.terms):
            term = f"{term} ({rng.choice(language.regions)})"
        team = None if n % 3 == 2 else team_ids[n % len(team_ids)]
        rows.append(
            Definition(
                term=clean_text(term, "Term"),
                definition=clean_text(words.fill(rng, language, meaning), "Definition"),
                team_id=team,
                position=n,
            )
        )
        for leader, leader_team in leaders:
            if team is None or leader_team == team:
                stances.append((n, leader, Stance.AGREED if rng.random() < 0.8 else Stance.DISCUSSING))
    session.add_all(rows)
    session.flush()
    if stances:
        session.execute(
            insert(DefinitionStance),
            [
                {
                    "definition_id": rows[n].id,
                    "leader_id": leader,
                    "stance": clean_stance(stance.value).value,
                    "comment": "",
                    "recorded_at": RECORDED + dt.timedelta(minutes=m % 600),
                }
                for m, (n, leader, stance) in enumerate(stances)
            ],
        )


def _settle_every_other(plan: PlanFile, overlaps: Sequence[tuple[OverlapRule, int, int]]) -> None:
    """Settle every other overlap written on purpose (kept, with a note), as a facilitator part-way through would."""
    for n, (rule, first, second) in enumerate(overlaps):
        if n % 2 == 0:
            resolve_overlap(
                plan,
                rule.value,
                first,
                second,
                ResolutionAction.KEPT,
                "Different customers; both teams keep their own.",
                at=RECORDED + dt.timedelta(hours=5, minutes=n),
            )
