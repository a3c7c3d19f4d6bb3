"""A deterministic synthetic process library for the search and checker benchmarks.

Processes are built from customer-service topics (refunds, account recovery, damaged
deliveries...) crossed with products, regions, people and systems, at deliberately varied
completeness: some are ready to hand over, some need work (missing roles, vague wording,
acronyms nobody defines, trees with gaps) and some are barely started. Each process holds
roughly 40 structured text snippets, plus sections of free prose drawn from a Zipf-
distributed long-tail vocabulary (``long_tail.py``: invented words, names, product codes,
words in other scripts) with lengths from a line to thousands of words, and a
``description:`` in its front matter, as imported pages have: 5,000 processes hold over
60,000 distinct words, like a real company handbook.

Only the standard library and the document model are used, so the numbers depend on nothing
but the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from benchmarks.long_tail import LongTail
from benchmarks.vocabulary import (
    BRANDS,
    CARRIERS,
    DONE_WHEN,
    FIRST,
    GLOSSARY,
    LAST,
    METRICS,
    PRODUCT_TYPES,
    REGIONS,
    ROLES,
    SCRIPT_CLOSINGS,
    SCRIPT_OPENINGS,
    SEGMENTS,
    TOPICS,
    VAGUE,
    Topic,
)
from kt_workbench.model import (
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
    slugify,
)

# Distinct words of the long-tail vocabulary; the library uses most of them at 5,000.
TAIL_WORDS = 90_000


def generate_library(
    count: int, seed: int = 7, tail_words: int = TAIL_WORDS
) -> list[ProcessDocument]:
    """``count`` processes, identical for identical arguments."""
    rng = random.Random(seed)
    tail = LongTail(tail_words, seed) if tail_words else None
    documents: list[ProcessDocument] = []
    seen: set[str] = set()
    for index in range(count):
        product = f"{rng.choice(BRANDS)} {rng.choice(PRODUCT_TYPES)}"
        document = _process(rng, rng.choice(TOPICS), product, rng.choice(REGIONS), index)
        if tail is not None:
            document = _with_prose(rng, document, tail)
        if document.id in seen:
            document = replace(document, id=f"{document.id}-{index}")
        seen.add(document.id)
        documents.append(document)
    return documents


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _process(
    rng: random.Random, topic: Topic, product: str, region: str, index: int
) -> ProcessDocument:
    # Completeness tiers: ready to hand over, needs work, far from it.
    tier = rng.choices(("ready", "work", "far"), weights=(4, 4, 2))[0]
    full = tier == "ready"
    slots = {
        "product": product,
        "region": region,
        "system": rng.choice(topic.systems),
        "carrier": rng.choice(CARRIERS),
        "days": str(rng.choice((3, 5, 7, 14, 30, 60, 120))),
        "amount": str(rng.choice((50, 100, 250, 500, 1000))),
        "agent": rng.choice(FIRST),
        "team": topic.team,
    }
    title = f"{topic.title} for {rng.choice(SEGMENTS)} {product} customers in {region}"
    owner = _person(rng)
    steps = _steps(rng, topic, slots, tier)
    return ProcessDocument(
        id=slugify(title) or f"process-{index}",
        title=title,
        owner=owner if tier != "far" or rng.random() < 0.5 else "",
        team=topic.team,
        status=rng.choice(("approved", "in-review"))
        if full
        else rng.choice(("draft", "in-review")),
        channels=tuple(rng.sample(("phone", "email", "chat", "social"), rng.randint(1, 3))),
        volume_per_month=rng.randint(20, 5000) if tier != "far" else None,
        last_reviewed=dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
        if tier != "far"
        else None,
        review_every_days=rng.choice((30, 90, 180)) if full or rng.random() < 0.5 else None,
        tags=(*topic.tags, product.split()[0].lower()),
        purpose=(
            f"Make sure {rng.choice(SEGMENTS)} customers in {region} who contact us about "
            f"their {product} get the same answer every time. Owned by {owner} in {topic.team}."
        ),
        scope=(
            f"Covers {topic.title.lower()} on {', '.join(topic.systems)}. "
            f"Out of scope: orders placed through resellers outside {region}."
        )
        if tier != "far"
        else "",
        steps=steps,
        scripts=_scripts(rng, slots) if tier != "far" else (),
        decision_tree=_tree(rng, topic, slots, tier),
        access_rights=_access(rng, topic, tier),
        edge_cases=_edge_cases(rng, topic, slots, tier),
        metrics=_metrics(rng, tier),
        contacts=_contacts(rng, topic, tier),
        glossary=_glossary(rng, topic, tier),
        notes=(
            SectionNote("procedure", f"Agents in {region} often skip step 2 {rng.choice(VAGUE)}."),
        )
        if rng.random() < 0.3
        else (),
        extra_sections=(
            ExtraSection(
                "History", f"Moved from the {rng.choice(CARRIERS)} pilot by {_person(rng)}."
            ),
        )
        if rng.random() < 0.15
        else (),
    )


def _with_prose(rng: random.Random, document: ProcessDocument, tail: LongTail) -> ProcessDocument:
    """Free prose and a front-matter description, as imported pages carry."""
    sections = tuple(
        ExtraSection(" ".join(tail.draw(rng, rng.randint(1, 3))).capitalize(), tail.paragraphs(rng))
        for _ in range(rng.choices((0, 1, 2, 3), weights=(1, 4, 3, 2))[0])
    )
    description = " ".join(tail.draw(rng, rng.randint(4, 14)))
    return replace(
        document,
        extra_sections=document.extra_sections + sections,
        extra_front_matter=f'description: "{description}"',
    )


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format(**slots)


def _steps(rng: random.Random, topic: Topic, slots: dict[str, str], tier: str) -> tuple[Step, ...]:
    texts = list(topic.steps)
    if tier == "far":
        texts = texts[: rng.randint(1, 3)]
    result = []
    for text in texts:
        filled = _fill(text, slots)
        if tier != "ready" and rng.random() < 0.3:
            filled = f"{filled} {rng.choice(VAGUE)}"
        complete = tier == "ready" or (tier == "work" and rng.random() < 0.6)
        result.append(
            Step(
                text=filled,
                role=rng.choice(ROLES) if complete or rng.random() < 0.3 else "",
                system=slots["system"] if complete else "",
                done_when=f"Done when {rng.choice(DONE_WHEN)}" if complete else "",
                details=f"Ask {_person(rng)} in {topic.team} if unsure."
                if rng.random() < 0.2
                else "",
            )
        )
    return tuple(result)


def _scripts(rng: random.Random, slots: dict[str, str]) -> tuple[Script, ...]:
    return (
        Script("Opening", _fill(rng.choice(SCRIPT_OPENINGS), slots)),
        Script("Closing", _fill(rng.choice(SCRIPT_CLOSINGS), slots)),
    )


def _tree(rng: random.Random, topic: Topic, slots: dict[str, str], tier: str) -> DecisionTree:
    if tier == "far" and rng.random() < 0.6:
        return DecisionTree()
    outcomes = [
        Branch(answer, Node(NodeKind.OUTCOME, _fill(outcome, slots), key=f"o{i}"))
        for i, (answer, outcome) in enumerate(topic.answers)
    ]
    follow = Node(
        NodeKind.QUESTION,
        _fill(topic.follow_up, slots),
        key="follow",
        branches=(
            Branch(
                "Yes",
                Node(NodeKind.OUTCOME, f"Escalate to the {rng.choice(ROLES).lower()}", key="esc"),
            ),
            Branch("No", None)
            if tier != "ready" and rng.random() < 0.4
            else Branch("No", goto="o1"),
        ),
    )
    jump = "follow" if tier == "ready" or rng.random() < 0.7 else "missing"
    root = Node(
        NodeKind.QUESTION,
        _fill(topic.question, slots),
        key="start",
        branches=(*outcomes, Branch("Not sure", goto=jump)),
    )
    return DecisionTree((root, follow))


def _access(rng: random.Random, topic: Topic, tier: str) -> tuple[AccessRight, ...]:
    if tier == "far":
        return ()
    return tuple(
        AccessRight(
            system=system,
            role=rng.choice(ROLES),
            access=rng.choice(("Read only", "Refund up to 200 EUR", "Agent", "Case editor")),
            how_to_request=rng.choice(
                ("IT portal form ACC-7", "Email the system owner", "Ask your team lead")
            )
            if tier == "ready" or rng.random() < 0.5
            else "",
            approver=_person(rng) if tier == "ready" or rng.random() < 0.5 else "",
        )
        for system in topic.systems
    )


def _edge_cases(
    rng: random.Random, topic: Topic, slots: dict[str, str], tier: str
) -> tuple[EdgeCase, ...]:
    cases = topic.edge_cases if tier != "far" else topic.edge_cases[:1]
    return tuple(
        EdgeCase(
            title=_fill(title, slots),
            when=_fill(when, slots),
            handle=_fill(handle, slots)
            if tier == "ready" or rng.random() < 0.6
            else rng.choice(VAGUE),
            escalate_to=rng.choice(ROLES) if tier == "ready" or rng.random() < 0.5 else "",
        )
        for title, when, handle in cases
    )


def _metrics(rng: random.Random, tier: str) -> tuple[Metric, ...]:
    if tier == "far":
        return ()
    chosen = rng.sample(METRICS, 3 if tier == "ready" else 2)
    return tuple(
        Metric(
            name,
            f"{rng.randint(60, 90)}%",
            f"{rng.randint(55, 85)}%",
            f"{rng.randint(60, 90)}%" if tier == "ready" else "",
            f"{rng.randint(65, 95)}%" if tier == "ready" else "",
        )
        for name in chosen
    )


def _contacts(rng: random.Random, topic: Topic, tier: str) -> tuple[Contact, ...]:
    count = {"ready": 3, "work": 2, "far": 0}[tier]
    roles = rng.sample(
        (
            "Team lead",
            "Billing lead",
            "Duty manager",
            "Fraud desk",
            "Legal counsel",
            "Logistics lead",
        ),
        count,
    )
    return tuple(
        Contact(
            role,
            _person(rng),
            rng.choice(("Slack #escalations", "Phone ext. 4410", "Email")),
            rng.choice(("Mon-Fri 08-18 CET", "24/7", "Weekdays 09-17")) if tier == "ready" else "",
        )
        for role in roles
    )


def _glossary(rng: random.Random, topic: Topic, tier: str) -> tuple[GlossaryEntry, ...]:
    if tier == "far":
        return ()
    # Teams that need work leave some acronyms undefined, which the checker should notice.
    terms = (
        topic.acronyms if tier == "ready" else topic.acronyms[: rng.randint(0, len(topic.acronyms))]
    )
    return tuple(GlossaryEntry(term, GLOSSARY[term]) for term in terms)


def document_texts(document: ProcessDocument) -> list[str]:
    """Every free-text field of a process, for picking query words."""
    texts = [document.title, document.purpose, document.scope, document.owner, *document.tags]
    for step in document.steps:
        texts += [step.text, step.role, step.system, step.done_when, step.details]
    texts += [part for script in document.scripts for part in (script.title, script.body)]
    texts += [visited.node.text for visited in document.decision_tree.walk()]
    for right in document.access_rights:
        texts += [right.system, right.role, right.access, right.how_to_request, right.approver]
    for case in document.edge_cases:
        texts += [case.title, case.when, case.handle, case.escalate_to, case.details]
    texts += [part for contact in document.contacts for part in (contact.role, contact.name)]
    texts += [part for entry in document.glossary for part in (entry.term, entry.meaning)]
    texts += [note.text for note in document.notes]
    texts += [part for extra in document.extra_sections for part in (extra.heading, extra.body)]
    return [text for text in texts if text]
