"""Starter templates: the agreements a new plan can start from, so a first-time facilitator begins
from something sound instead of a blank page.

Each template is a go-to-market motion (seed 003: decision rights follow the business model): the
teams such a company brings to the table, the customer journey with the team that owns each stage,
a hand-off per typical lead source, the data definitions those hand-offs rely on (seed 003: “sales
qualified lead” means the same to both teams), who decides on go-to-market, pricing, messaging and
lead scoring, and the joint practices that keep the teams together (seed 004).

A template invents no leaders and records no buy-in: the leaders at the table have agreed to
nothing yet, and every line is theirs to change. Teams are named, not numbered: the service that
applies a template finds them in the plan by name. Incentives are left out: an incentive ties to a
shared objective, and a new plan has none yet.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from offsite.domain.agreements import AgreementKind
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class StarterDefinition:
    """A term both teams must mean the same thing by, and the team that owns it (blank: everyone)."""

    term: str
    definition: str
    team: str = ""


@dataclass(frozen=True, slots=True)
class StarterAgreement:
    """An agreement as a template proposes it: its kind, title, the team by name, and its texts.

    ``definition`` names a term of the template's definitions (a hand-off's leads meet it).
    """

    kind: AgreementKind
    title: str
    team: str = ""
    message: str = ""
    trigger: str = ""
    route: str = ""
    service_level: str = ""
    on_miss: str = ""
    consulted: str = ""
    why: str = ""
    cadence: str = ""
    definition: str = ""

    def texts(self) -> dict[str, str]:
        """The text fields it fills (the cadence among them), by the agreement's field names."""
        skipped = {"kind", "title", "team", "definition"}
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in skipped and getattr(self, f.name)
        }


@dataclass(frozen=True, slots=True)
class Template:
    """A starting point for a new plan: a go-to-market motion and the agreements it usually needs."""

    #: How the command line names it (``offsite new PLAN --template sales-led-b2b``).
    name: str
    #: How a facilitator reads it in the New Plan dialog.
    title: str
    #: One line: the company it suits.
    description: str
    business_model: str
    business_model_why: str
    teams: tuple[str, ...]
    definitions: tuple[StarterDefinition, ...]
    agreements: tuple[StarterAgreement, ...]

    @property
    def shown_title(self) -> str:
        """``title`` in the leader's language, as a picker shows it (the template's content stays English)."""
        return translate("Templates", self.title)

    @property
    def shown_description(self) -> str:
        """``description`` in the leader's language, as a picker shows it."""
        return translate("Templates", self.description)

    def count(self, kind: AgreementKind) -> int:
        return sum(1 for a in self.agreements if a.kind is kind)

    def summary(self) -> str:
        """What it fills in, e.g. “4 teams, 7 journey stages, 4 hand-offs, 3 definitions …”."""
        parts = [_counted(len(self.teams), translate("Templates", "team"), translate("Templates", "teams"))]
        for kind in AgreementKind:
            if self.count(kind):
                parts.append(_counted(self.count(kind), kind.shown_noun, kind.shown_plural))
                if kind is AgreementKind.HAND_OFF:
                    parts.append(
                        _counted(
                            len(self.definitions),
                            translate("Templates", "definition"),
                            translate("Templates", "definitions"),
                        )
                    )
        return ", ".join(parts)


def _counted(n: int, one: str, many: str) -> str:
    return f"{format_number(n)} {one if n == 1 else many}"


def _stage(title: str, team: str, message: str, trigger: str, service_level: str) -> StarterAgreement:
    return StarterAgreement(
        AgreementKind.JOURNEY_STAGE,
        title,
        team,
        message=message,
        trigger=trigger,
        service_level=service_level,
    )


def _hand_off(
    source: str, team: str, route: str, response_time: str, on_miss: str, definition: str
) -> StarterAgreement:
    return StarterAgreement(
        AgreementKind.HAND_OFF,
        source,
        team,
        route=route,
        service_level=response_time,
        on_miss=on_miss,
        definition=definition,
    )


def _right(decision: str, team: str, consulted: str, why: str) -> StarterAgreement:
    return StarterAgreement(AgreementKind.DECISION_RIGHT, decision, team, consulted=consulted, why=why)


def _practice(title: str, team: str, cadence: str) -> StarterAgreement:
    return StarterAgreement(AgreementKind.PRACTICE, title, team, cadence=cadence)


MQL = "Marketing qualified lead"
SQL = "Sales qualified lead"
PQL = "Product qualified lead"
MQA = "Marketing qualified account"
SQO = "Sales qualified opportunity"

SALES_LED_B2B = Template(
    name="sales-led-b2b",
    title=QT_TRANSLATE_NOOP("Templates", "Sales-led B2B"),
    description=QT_TRANSLATE_NOOP(
        "Templates",
        "Inbound and outbound leads; sales development qualifies, account executives close mid-market deals.",
    ),
    business_model="sales-led",
    business_model_why=(
        "Deals need a conversation: several people decide, and a proposal and a negotiation come "
        "before they buy. Sales leads go-to-market; Marketing fills and warms its pipeline."
    ),
    teams=("Sales", "Marketing", "Customer Success", "RevOps"),
    definitions=(
        StarterDefinition(
            MQL,
            "A lead from a company in our ideal customer profile whose score reached the agreed "
            "threshold (fit plus engagement in the last 30 days), or who asked for a demo.",
            "Marketing",
        ),
        StarterDefinition(
            SQL,
            "An MQL that sales development has spoken to: a real need, a named buyer and a discovery "
            "call booked within 30 days. Accepted or rejected within one working day, with a reason.",
        ),
        StarterDefinition(
            "Ideal customer profile",
            "The companies we win and keep: industry, size and region, agreed by Sales and Marketing "
            "and reviewed every half-year.",
        ),
    ),
    agreements=(
        _stage(
            "Awareness",
            "Marketing",
            "The problem we solve, in the buyer's own words.",
            "An ideal-profile buyer registers, downloads or returns",
            "Every campaign names its segment and pipeline target before launch",
        ),
        _stage(
            "Interest",
            "Marketing",
            "How companies like yours solve it, with proof from our customers.",
            "The lead score reaches the MQL threshold",
            "Nurture follow-up within 1 business day of engagement",
        ),
        _stage(
            "MQL",
            "Marketing",
            "An offer worth a conversation: an assessment, not a generic demo.",
            "Sales development qualifies it against the SQL definition",
            "Routed to a named SDR within 5 minutes",
        ),
        _stage(
            "SQL",
            "Sales",
            "Discovery: the buyer's problem before our product.",
            "Discovery held and an account executive accepts the opportunity",
            "SQL contacted within 24 h; accepted or rejected within 1 working day",
        ),
        _stage(
            "Opportunity",
            "Sales",
            "A business case in the buyer's numbers, with a reference of their size.",
            "Contract signed",
            "Proposal within 5 working days of discovery",
        ),
        _stage(
            "Customer",
            "Customer Success",
            "Value in the first 90 days, with a named contact.",
            "Renewal due in 90 days, or an expansion signal in the health score",
            "Kick-off within 5 working days of signature",
        ),
        _stage(
            "Renewal & advocacy",
            "Customer Success",
            "What you achieved with us, what comes next, and would you tell others?",
            "A renewed, satisfied customer is invited to be a reference",
            "Renewal conversation opens 90 days before the date",
        ),
        _hand_off(
            "Demo request",
            "Sales",
            "To the SDR who owns the territory; round-robin when none",
            "First touch within 1 business hour",
            "Reassigned to the next SDR, and the SDR manager is alerted",
            SQL,
        ),
        _hand_off(
            "Webinar attendee",
            "Sales",
            "Scored after the event: at the threshold to SDRs by territory, below it to nurture",
            "First touch within 24 h of the event",
            "Back to nurture marked “not worked”, and counted in the weekly pipeline review",
            MQL,
        ),
        _hand_off(
            "Content download",
            "Marketing",
            "Marketing nurtures it until the score reaches the threshold, then to SDRs like any MQL",
            "First SDR touch within 24 h once it is an MQL",
            "Listed in the weekly pipeline review with the SDR it waited for",
            MQL,
        ),
        _hand_off(
            "Partner referral",
            "Sales",
            "Straight to the territory's account executive, with the partner manager copied",
            "Buyer and partner hear from us within 4 business hours",
            "Escalated to the sales leader; the partner is called the same day",
            SQL,
        ),
        _right(
            "Go-to-market",
            "Sales",
            "Marketing, Customer Success",
            "Sales-led: the segments and territories account executives can cover decide where we go.",
        ),
        _right(
            "Pricing",
            "Sales",
            "Finance; Marketing on packaging; Customer Success on renewal terms",
            "Sales-led: list price opens a negotiation; Sales sets the discount bands within the range Finance allows.",
        ),
        _right(
            "Messaging",
            "Marketing",
            "Sales, from win/loss notes; Customer Success for customer proof",
            "One story at every stage: Marketing writes it, Sales tests it on calls and brings back what lands.",
        ),
        _right(
            "Lead scoring",
            "RevOps",
            "Marketing and sales development",
            "The score decides what Sales gets: RevOps keeps it neutral, and both teams approve changes monthly.",
        ),
        _practice("Joint pipeline review", "RevOps", "weekly"),
        _practice("Rejected leads reviewed with Marketing", "Sales", "weekly"),
        _practice("Win/loss review", "Sales", "monthly"),
        _practice("Marketing joins a customer visit", "Marketing", "quarterly"),
        _practice("Sales joins campaign planning", "Sales", "quarterly"),
    ),
)

PRODUCT_LED_SAAS = Template(
    name="product-led-saas",
    title=QT_TRANSLATE_NOOP("Templates", "Product-led SaaS"),
    description=QT_TRANSLATE_NOOP(
        "Templates",
        "Buyers sign up and try the product first; Sales helps the accounts whose usage shows they are ready.",
    ),
    business_model="product-led",
    business_model_why=(
        "Buyers try the product before they talk to anyone, and most accounts start free and upgrade "
        "themselves. The product leads go-to-market; Sales works the accounts whose usage shows "
        "they need more than self-serve."
    ),
    teams=("Product", "Marketing", "Sales", "Customer Success"),
    definitions=(
        StarterDefinition(
            "Activation",
            "The moment a new workspace first gets the product's core value, measured by the one "
            "usage event both teams agree on (e.g. three teammates invited and the core action done).",
            "Product",
        ),
        StarterDefinition(
            PQL,
            "A free or trial workspace that reached activation within 7 days, at a company that fits "
            "the ideal customer profile.",
            "Product",
        ),
        StarterDefinition(
            MQL,
            "A sign-up or contact that fits the ideal customer profile and engaged in the last 30 "
            "days, but has not reached activation.",
            "Marketing",
        ),
        StarterDefinition(
            SQL,
            "A PQL or MQL that Sales has spoken to, with a need beyond self-serve (more seats, "
            "security, invoicing) and a named buyer.",
        ),
    ),
    agreements=(
        _stage(
            "Awareness",
            "Marketing",
            "Try it free: the problem solved in minutes.",
            "A visitor signs up for a free workspace",
            "Every campaign leads to sign-up, not to a form",
        ),
        _stage(
            "Sign-up",
            "Product",
            "Your first result today, with a guided setup.",
            "The workspace reaches activation",
            "Onboarding emails start within 5 minutes of sign-up",
        ),
        _stage(
            "Activation",
            "Product",
            "Bring your team: it works better together.",
            "Usage meets the PQL definition",
            "In-app guidance for every workspace not activated after 3 days",
        ),
        _stage(
            "PQL",
            "Sales",
            "Help with the plan your usage shows you need.",
            "A conversation confirms a need beyond self-serve",
            "PQL contacted within 24 h, by email or in the product",
        ),
        _stage(
            "Upgrade",
            "Sales",
            "The plan that fits your team, priced in the open.",
            "A paid plan is bought, online or by order form",
            "Quote within 2 working days of a request",
        ),
        _stage(
            "Customer",
            "Customer Success",
            "Get the most from your plan: adoption across your teams.",
            "Seat use near the plan's limit, or renewal due in 60 days",
            "Large accounts get a named contact within 5 working days",
        ),
        _stage(
            "Expansion & advocacy",
            "Customer Success",
            "What your teams achieved; invite the next team, and share your story.",
            "A satisfied, growing customer is invited to reviews and referrals",
            "Renewal and expansion conversation 60 days before the date",
        ),
        _hand_off(
            "Product-qualified sign-up",
            "Sales",
            "The usage score routes the workspace to the sales-assist rep for its region; the rest stay self-serve",
            "First touch within 24 h of qualifying",
            "Back to in-app nurture, and counted in the weekly growth review",
            PQL,
        ),
        _hand_off(
            "Pricing page contact request",
            "Sales",
            "To the sales-assist rep on duty, with the workspace's usage attached",
            "Reply within 1 business hour",
            "Passed to the next rep, and the sales leader is alerted",
            SQL,
        ),
        _hand_off(
            "Enterprise inquiry (security, SSO, invoicing)",
            "Sales",
            "To an account executive, never to self-serve",
            "First touch within 4 business hours",
            "Escalated to the sales leader the same day",
            SQL,
        ),
        _hand_off(
            "Webinar attendee",
            "Marketing",
            "Invited to sign up; attendees with a workspace join its usage score",
            "Follow-up email within 24 h of the webinar",
            "Listed in the weekly growth review",
            MQL,
        ),
        _right(
            "Go-to-market",
            "Product",
            "Marketing, Sales",
            "Product-led: the product makes the first sale, so what the free plan gives and how sign-ups convert decide where we grow.",
        ),
        _right(
            "Pricing",
            "Product",
            "Sales, Finance, Customer Success",
            "Product-led: most customers buy without talking to anyone, so plans and limits are part of the product; Sales proposes custom terms above them.",
        ),
        _right(
            "Onboarding messaging",
            "Product",
            "Marketing",
            "The first minutes in the product are the message: Product writes onboarding, in one voice with Marketing's campaigns.",
        ),
        _right(
            "Messaging",
            "Marketing",
            "Product, Sales",
            "Campaigns promise what the product delivers in its first minutes: Marketing writes them from what activates users.",
        ),
        _right(
            "Lead scoring",
            "Product",
            "Sales, Marketing",
            "The score is product usage: Product owns the events and the model; Sales reviews monthly what it sends them.",
        ),
        _practice("Weekly growth review: sign-ups, activation, PQLs, upgrades", "Product", "weekly"),
        _practice("Sales and Product review lost upgrades", "Sales", "monthly"),
        _practice("Customer Success brings product feedback to Product", "Customer Success", "monthly"),
        _practice("Marketing joins a customer call", "Marketing", "quarterly"),
    ),
)

FIELD_SALES_ENTERPRISE = Template(
    name="field-sales-enterprise",
    title=QT_TRANSLATE_NOOP("Templates", "Field-sales enterprise"),
    description=QT_TRANSLATE_NOOP(
        "Templates",
        "Named accounts, buying committees, long cycles; Marketing works the accounts the field sells to.",
    ),
    business_model="sales-led",
    business_model_why=(
        "Few, large accounts with long cycles and buying committees of six or more: account "
        "executives own named accounts from first meeting to signature, and Marketing works those "
        "same accounts rather than generating volume."
    ),
    teams=("Sales", "Marketing", "Customer Success", "RevOps"),
    definitions=(
        StarterDefinition(
            "Target account",
            "A named company on the account list Sales and Marketing agree each half-year: it fits the "
            "ideal customer profile and has an account executive.",
        ),
        StarterDefinition(
            MQA,
            "A target account where several members of the buying committee engaged in the last 30 days "
            "(events, content, visits) above the agreed account score.",
            "Marketing",
        ),
        StarterDefinition(
            SQO,
            "A meeting with a member of the buying committee confirmed a budgeted need, a timeline within "
            "12 months and an executive sponsor.",
            "Sales",
        ),
    ),
    agreements=(
        _stage(
            "Target account",
            "Marketing",
            "A point of view on their industry, addressed to their executives.",
            "Several buying-committee members engage within 30 days",
            "Account list agreed with Sales each half-year",
        ),
        _stage(
            "Engaged account",
            "Marketing",
            "An invitation that fits their seniority: a briefing, a dinner, a workshop.",
            "The account reaches the MQA score",
            "Account executive told within 1 working day of the MQA",
        ),
        _stage(
            "Qualified opportunity",
            "Sales",
            "Their priorities, not our pitch; the value in their numbers.",
            "Need, budget, timeline and sponsor confirmed (SQO)",
            "Mutual action plan within 3 weeks of qualifying",
        ),
        _stage(
            "Solution & proof",
            "Sales",
            "Proof in their environment, with references of their size.",
            "Technical and business sign-off; a proposal is requested",
            "Proof of concept scoped in writing, 30 days at most",
        ),
        _stage(
            "Negotiation & close",
            "Sales",
            "Terms that match the value agreed.",
            "Contract signed",
            "Deal desk answers a non-standard term within 2 working days",
        ),
        _stage(
            "Customer",
            "Customer Success",
            "A success plan with the sponsor, and a named team.",
            "Renewal due in 120 days, or a new division shows interest",
            "Kick-off within 10 working days of signature",
        ),
        _stage(
            "Renewal & expansion",
            "Customer Success",
            "What they achieved, in their board's language; the next division to roll out to.",
            "Renewal signed; a reference or case study is agreed",
            "Renewal opens 120 days before the date",
        ),
        _hand_off(
            "Engaged target account",
            "Sales",
            "To the account's named account executive, with the engagement history",
            "Account executive acts within 2 working days",
            "Raised at the weekly account review; the account executive's manager takes it",
            MQA,
        ),
        _hand_off(
            "Event or executive dinner attendee",
            "Sales",
            "To the account's named account executive; attendees from other accounts to inside sales",
            "Personal follow-up within 2 working days of the event",
            "Marketing follows up in the account executive's name, and it is raised at the account review",
            MQA,
        ),
        _hand_off(
            "Inbound request from a target account",
            "Sales",
            "To the named account executive at once; to inside sales when the account has none",
            "First touch within 4 business hours",
            "Escalated to the regional sales leader the same day",
            SQO,
        ),
        _hand_off(
            "Partner or consultancy referral",
            "Sales",
            "To the named account executive, with the partner manager copied; registered as partner-sourced",
            "Partner hears from us within 1 working day",
            "The partner manager calls the partner, and the account executive's manager is told",
            SQO,
        ),
        _hand_off(
            "RFP received",
            "Sales",
            "To the account executive and the deal desk, with solutions engineering for the technical part",
            "Bid or no-bid decision within 3 working days",
            "Escalated to the sales leader, who decides bid or no-bid",
            "",
        ),
        _right(
            "Go-to-market",
            "Sales",
            "Marketing, Customer Success",
            "Field sales: territories and named accounts define the market; Marketing works the accounts the field can sell to.",
        ),
        _right(
            "Target account list",
            "Sales",
            "Marketing, Customer Success",
            "Every account on the list needs an account executive who will work it; Marketing brings the data on fit and intent.",
        ),
        _right(
            "Pricing",
            "Sales",
            "Deal desk (RevOps), Finance, Legal",
            "Large deals mean negotiated terms: the sales leader sets the bands and the deal desk keeps every deal within them.",
        ),
        _right(
            "Messaging",
            "Marketing",
            "Sales, Customer Success",
            "Each industry hears one point of view: Marketing writes it with the account executives who sell there.",
        ),
        _right(
            "Lead scoring",
            "RevOps",
            "Marketing, Sales",
            "The score says which accounts get the field's time: RevOps keeps the model, both teams approve changes each quarter.",
        ),
        _practice("Weekly account review of the top accounts", "Sales", "weekly"),
        _practice("Win/loss review with the buying committee's reasons", "Sales", "monthly"),
        _practice("Marketing joins a customer visit", "Marketing", "quarterly"),
        _practice("Target account list refreshed together", "RevOps", "quarterly"),
    ),
)

#: The starter templates, in the order the New Plan dialog offers them (after “Blank plan”).
TEMPLATES: tuple[Template, ...] = (SALES_LED_B2B, PRODUCT_LED_SAAS, FIELD_SALES_ENTERPRISE)


def template_named(name: str) -> Template | None:
    """The template ``name`` names: its name or its title, case and spacing aside; None for none."""
    wanted = " ".join(name.replace("-", " ").split()).casefold()
    for template in TEMPLATES:
        if wanted in (template.name.replace("-", " "), template.title.replace("-", " ").casefold()):
            return template
    return None
