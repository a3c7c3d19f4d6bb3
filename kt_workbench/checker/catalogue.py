"""Every rule the checker knows, in one table. ``docs/checks.md`` mirrors it (a test keeps them
in step), so codes never change meaning once published."""

from __future__ import annotations

from types import MappingProxyType

from kt_workbench.checker.rules import WHERE_FOUND, Rule, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(
    code: str, title: str, section: str, severity: Severity, weight: float, why: str, fix: str
) -> Rule:
    return Rule(code, title, section, severity, weight, why, fix)


_SECRET_WHY = (
    "A handover document is copied to another company, its ticket tool and its training decks; "
    "a credential in it is a credential leaked."
)
_SECRET_FIX = (
    "Delete the secret, rotate it now, and describe how the provider requests its own access "
    "in Access rights."
)

# fmt: off
RULES: tuple[Rule, ...] = (
    # Document-wide and library-level rules.
    _rule("KT001", "AWS access key in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT002", "GitHub token in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT003", "Slack token in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT004", "Stripe secret key in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT005", "Private key in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT006", "Password, PIN or token written in the document", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY,
          "Replace the value with where the provider gets its own credential (for example "
          "'request through the IT portal'), and rotate the one that was written down."),
    _rule("KT007", "API token or key in a known format", WHERE_FOUND, ERROR, 100,
          _SECRET_WHY, _SECRET_FIX),
    _rule("KT010", "Unfinished marker", WHERE_FOUND, WARNING, 50,
          "TBD, TODO, FIXME and ??? tell an external agent that the answer is missing; they "
          "will guess or stop.",
          "Write the missing content, or remove the marker if the text is complete."),
    _rule("KT011", "Template example left in", WHERE_FOUND, ERROR, 80,
          "A new process starts with one example item per section; an example handed over "
          "tells the provider's agents to do something nobody meant.",
          "Overwrite the example with the real item, or delete the item."),
    _rule("KT020", "Near-duplicate process", "overview", WARNING, 40,
          "Two documents for the same interaction drift apart, and the provider cannot tell "
          "which one is right.",
          "Merge the two processes, or make their titles and steps say how they differ."),
    # overview
    _rule("KT101", "Purpose missing", "overview", WARNING, 60,
          "An agent who knows what the process achieves can handle the cases the steps do not "
          "foresee.",
          "Add a Purpose section: one or two sentences on what the process achieves for the "
          "customer."),
    _rule("KT102", "No owner", "overview", ERROR, 60,
          "The provider needs one named person who answers questions and approves changes; "
          "without one the document goes stale after go-live.",
          "Set `owner:` in the front matter to a named person."),
    _rule("KT103", "No team", "overview", WARNING, 30,
          "The provider needs to know which internal team the work comes from and who it "
          "hands back to.",
          "Set `team:` in the front matter."),
    _rule("KT104", "Not approved", "overview", INFO, 20,
          "Only an approved version should be handed over; a draft may still change under the "
          "provider's feet.",
          "Have the owner review the process and set `status: approved`."),
    _rule("KT105", "Review overdue", "overview", WARNING, 60,
          "A stale document is a common cause of falling first-contact resolution after go-live.",
          "Review the process, then update `last_reviewed:`."),
    _rule("KT106", "No review schedule", "overview", WARNING, 40,
          "Without a last review date and an interval nobody can tell whether the document is "
          "still true.",
          "Set `last_reviewed:` and `review_every_days:` in the front matter."),
    _rule("KT107", "Volume missing", "overview", INFO, 15,
          "Monthly volume decides staffing and which processes move first.",
          "Set `volume_per_month:` in the front matter."),
    _rule("KT108", "Channels missing", "overview", INFO, 15,
          "The provider staffs and trains per channel (phone, email, chat).",
          "Set `channels:` in the front matter, for example `[phone, email]`."),
    # procedure
    _rule("KT201", "Too few steps", "procedure", ERROR, 100,
          "A procedure of one or two steps leaves the actual work in someone's head.",
          "Write the procedure as numbered steps, one action each, from first contact to close."),
    _rule("KT202", "Step without a role", "procedure", WARNING, 30,
          "The provider assigns work by role; a step without one is done by nobody or by "
          "everybody.",
          "Add a `Role:` line under the step, for example `Role: Provider agent`."),
    _rule("KT203", "System named but not in System:", "procedure", WARNING, 30,
          "The System: lines feed the access checklist; a system mentioned only in prose is "
          "missed when access is provisioned.",
          "Add the system to the step's `System:` line."),
    _rule("KT204", "Step without Done when", "procedure", WARNING, 30,
          "Without a completion test every agent decides differently when a step is finished.",
          "Add a `Done when:` line that an agent can verify, for example the status a ticket "
          "must show."),
    _rule("KT205", "Vague wording", "procedure", WARNING, 30,
          "Words like 'as appropriate' or 'usually' make each agent decide for themselves, so "
          "the process runs differently on every shift.",
          "Replace the phrase with the concrete rule: the condition, the number or the "
          "decision-tree branch."),
    _rule("KT206", "Reference to a step that does not exist", "procedure", WARNING, 30,
          "'Go back to step 9' in a seven-step procedure sends the agent nowhere.",
          "Correct the step number, or add the missing step."),
    _rule("KT207", "Overlong sentence", "procedure", INFO, 10,
          "Long sentences hide several actions in one; agents skip the ones in the middle.",
          "Split the sentence, or the step, so each says one thing."),
    # scripts
    _rule("KT301", "No scripts for a customer-facing process", "scripts", WARNING, 80,
          "Without scripts each agent improvises what the customer hears, and tone and promises "
          "vary.",
          "Add a Scripts section with what the agent says or writes at the key moments."),
    _rule("KT302", "Unfilled template marker", "scripts", WARNING, 60,
          "'[insert date]', '<name>' or 'XXX' would be read to the customer as written.",
          "Replace the marker with the text, or with a `{placeholder}` explained in the glossary."),
    _rule("KT303", "Placeholder not explained", "scripts", WARNING, 60,
          "An agent cannot fill '{ref}' correctly without knowing which reference it is and "
          "where to find it.",
          "Add the placeholder to the glossary with what goes in it and where it comes from."),
    _rule("KT304", "Empty script", "scripts", WARNING, 50,
          "A script heading with no text promises guidance that is not there.",
          "Write the script text under its heading, or remove the heading."),
    # decision_tree
    _rule("KT401", "No decision tree", "decision_tree", WARNING, 100,
          "An external team meets decisions in every customer contact; without a tree each agent "
          "decides differently.",
          "Add a Decision tree section with the questions the agent asks and the outcome for "
          "every answer."),
    _rule("KT402", "Jump to a node that does not exist", "decision_tree", ERROR, 60,
          "An agent following the tree reaches a jump with nowhere to go.",
          "Define the node with that key, or point the jump at an existing key."),
    _rule("KT403", "Unreachable node", "decision_tree", WARNING, 50,
          "A node no answer leads to is never used, and usually means a jump is missing.",
          "Add a `goto [key]` that reaches it, or delete it."),
    _rule("KT404", "Question with fewer than two answers", "decision_tree", WARNING, 50,
          "A question with one answer is not a decision; with none it is a dead end.",
          "Give the question every answer an agent can meet, each with its outcome."),
    _rule("KT405", "Duplicate answers", "decision_tree", WARNING, 40,
          "Two identical answers under one question lead to different places; agents cannot "
          "choose.",
          "Merge the answers or make them say what distinguishes them."),
    _rule("KT406", "Question with no path to an outcome", "decision_tree", ERROR, 60,
          "Whatever the agent answers, the tree never says what to do.",
          "Make at least one answer lead, directly or through further questions, to an outcome."),
    _rule("KT407", "Answer that leads nowhere", "decision_tree", WARNING, 50,
          "An agent who picks this answer is left without a next step.",
          "Follow the answer with `→ Outcome: ...`, a question, or `goto [key]`."),
    _rule("KT408", "Loop in the decision tree", "decision_tree", WARNING, 50,
          "A jump back to an earlier question can keep an agent and a customer going round in "
          "circles.",
          "Point the jump forward, or add an outcome that ends the loop."),
    _rule("KT409", "Empty outcome", "decision_tree", WARNING, 50,
          "An outcome with no text tells the agent nothing.",
          "Write what the agent does at this outcome."),
    _rule("KT410", "Node key defined twice", "decision_tree", WARNING, 30,
          "A `goto` to a key that names two nodes reaches only the first, silently.",
          "Give each node its own key."),
    # access_rights
    _rule("KT501", "System without an access right", "access_rights", ERROR, 70,
          "On day one the provider's agents cannot work in a system nobody asked access for.",
          "Add a row for the system to the Access rights table."),
    _rule("KT502", "Incomplete access right", "access_rights", WARNING, 50,
          "Provisioning needs the role, the access level, how to request it and who approves; a "
          "missing column stalls the request.",
          "Fill in every column of the row."),
    _rule("KT503", "Broad access", "access_rights", WARNING, 60,
          "Admin or full access for an external team breaks least privilege and widens the damage "
          "of a mistake or a breach.",
          "Ask for the narrowest role that lets the agent do the steps, and say what it allows."),
    _rule("KT504", "No access rights", "access_rights", WARNING, 100,
          "The provider cannot provision anything when no system is listed.",
          "Name the systems in the steps' `System:` lines and add an Access rights table."),
    _rule("KT505", "System spelled differently from its access right", "access_rights", WARNING, 60,
          "The access checklist merges systems by name; two spellings become two requests, or "
          "none.",
          "Use one spelling for the system in the steps and in the Access rights table."),
    # edge_cases
    _rule("KT601", "Too few edge cases", "edge_cases", WARNING, 100,
          "Real contacts leave the happy path all the time; without edge cases the provider "
          "either escalates everything or improvises.",
          "Add the situations that do not follow the steps (at least two), each with how to "
          "handle it and whom to escalate to."),
    _rule("KT602", "Edge case incomplete", "edge_cases", WARNING, 60,
          "An edge case needs when it applies, what to do and whom to call; a missing part leaves "
          "the agent stuck.",
          "Add the missing `When:`, `Handle:` or `Escalate to:` line."),
    _rule("KT603", "Escalation target not in contacts", "edge_cases", WARNING, 60,
          "The agent must be able to reach whoever an edge case escalates to.",
          "Add the target to Escalation contacts, or use the role name from that table."),
    _rule("KT604", "Vague handling", "edge_cases", WARNING, 50,
          "'Use your judgement' is exactly what an external team cannot do on day one.",
          "Say what to do in the situation, or whom to ask."),
    # metrics
    _rule("KT701", "Missing baseline", "metrics", WARNING, 40,
          "Without today's CSAT, FCR, AHT and answer rate nobody can say whether the handover "
          "made things better or worse.",
          "Add the metric to the Metrics table with today's value as the baseline."),
    _rule("KT702", "Missing 30/60/90-day targets", "metrics", WARNING, 30,
          "Ramp-up targets tell the provider what 'good' looks like in the first three months.",
          "Fill in the 30, 60 and 90 days columns for the metric."),
    # contacts
    _rule("KT801", "No escalation contacts", "contacts", ERROR, 100,
          "When something goes wrong the provider must know whom to call.",
          "Add an Escalation contacts table with role, name, channel and hours."),
    _rule("KT802", "Contact without channel or hours", "contacts", WARNING, 60,
          "A contact the agent cannot reach, or does not know when to reach, is no contact.",
          "Fill in how to reach the contact (channel) and when (hours)."),
    # glossary
    _rule("KT901", "Undefined acronym", "glossary", WARNING, 60,
          "Acronyms are tribal knowledge: the provider's agents have never heard them.",
          "Add the acronym to the glossary of this or any process in the library."),
    _rule("KT902", "Glossary term without meaning", "glossary", WARNING, 40,
          "A term listed without its meaning explains nothing.",
          "Write the meaning next to the term."),
)
# fmt: on

RULES_BY_CODE: MappingProxyType[str, Rule] = MappingProxyType({rule.code: rule for rule in RULES})
