"""The vocabulary of the synthetic library: customer-service topics, products, places, people.

Kept as compact text so the catalogue reads like the content it produces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    title: str
    team: str
    tags: tuple[str, ...]
    systems: tuple[str, ...]
    steps: tuple[str, ...]
    question: str
    answers: tuple[tuple[str, str], ...]
    follow_up: str
    edge_cases: tuple[tuple[str, str, str], ...]
    acronyms: tuple[str, ...]


def _listed(text: str) -> tuple[str, ...]:
    """Items of a wrapped word list: separated by ``|`` when any item holds a space."""
    items = text.split("|") if "|" in text else text.split()
    return tuple(" ".join(item.split()) for item in items)


def _topics(text: str) -> tuple[Topic, ...]:
    """Parse the topic catalogue: ``# title`` starts a topic, ``key: value`` lines fill it."""
    topics: list[Topic] = []
    for block in text.strip().split("# ")[1:]:
        title, *lines = block.strip().splitlines()
        fields: dict[str, list[str]] = {}
        for line in lines:
            key, value = line.split(": ", 1)
            fields.setdefault(key, []).append(value)
        edges = zip(fields["edge"], fields["when"], fields["handle"], strict=True)
        topics.append(
            Topic(
                title=title,
                team=fields["team"][0],
                tags=tuple(fields["tags"][0].split(", ")),
                systems=tuple(fields["systems"][0].split(", ")),
                steps=tuple(fields["step"]),
                question=fields["ask"][0],
                answers=tuple(tuple(a.split(" | ", 1)) for a in fields["answer"]),  # type: ignore[misc]
                follow_up=fields["then"][0],
                edge_cases=tuple(edges),
                acronyms=tuple(fields["acronyms"][0].split(", ")),
            )
        )
    return tuple(topics)


_TOPICS_TEXT = """
# Refund a duplicate card charge
team: Billing support
tags: billing, refunds
systems: Stripe, Zendesk
acronyms: ARN, PCI
step: Confirm the customer's identity with the last four card digits
step: Find both charges for the {product} order in {system}
step: Compare amounts and timestamps of the two transactions
step: Refund the duplicate charge and note the ARN
step: Send the refund confirmation script
ask: Is the duplicate charge older than {days} days?
answer: Yes | Advise the customer to raise a chargeback with their bank
answer: No | Refund the duplicate charge in {system}
then: Is the second charge still pending?
edge: The charge is from a different merchant
when: The statement shows a merchant name we do not use
handle: Explain the descriptor and offer a receipt
edge: The customer already opened a chargeback
when: A dispute notice arrived from the bank
handle: Do not refund twice; hand the case to disputes
# Recover a locked customer account
team: Account security
tags: accounts, security
systems: Okta, Salesforce
acronyms: MFA, KYC, 2FA
step: Ask the security questions on file
step: Check the login history in {system} for unusual locations
step: Send a one-time reset link to the verified email
step: Reset MFA enrolment when the phone was lost
step: Record the recovery reason in the case
ask: Can the customer pass the security questions?
answer: Yes | Send the reset link and close the case
answer: No | Escalate to fraud operations for manual KYC review
then: Has the email address changed in the last {days} days?
edge: The customer no longer has the phone
when: MFA codes cannot be received
handle: Verify with two documents before resetting MFA
edge: Several accounts share one email
when: The lookup returns more than one profile
handle: Ask for the account number and never merge profiles
# Handle a damaged delivery
team: Delivery support
tags: delivery, claims
systems: Shopify, Carrier portal
acronyms: OMS, POD, RMA
step: Ask for photos of the parcel and the {product}
step: Open a carrier claim in the {system}
step: Offer a replacement or a refund
step: Book the return label with {carrier}
step: Update the order in the OMS
ask: Did the customer send photos of the damage?
answer: Yes | Open the carrier claim and ship a replacement
answer: No | Send the photo request script and wait {days} days
then: Is the item worth more than {amount} EUR?
edge: The customer will not send photos
when: Photos are refused or impossible
handle: Accept a written description for items under {amount} EUR
edge: The parcel was signed for as intact
when: The POD shows no damage note
handle: Open a concealed damage claim with {carrier}
# Change a delivery address
team: Customer care
tags: orders, delivery
systems: Order management system, Shopify
acronyms: ETA, WMS
step: Check whether the {product} order has left the warehouse
step: Verify the new address with the postcode lookup
step: Update the address in the {system}
step: Confirm the new ETA to the customer
ask: Has the order been handed to {carrier}?
answer: Yes | Ask {carrier} to redirect the parcel
answer: No | Change the address in the {system}
then: Is the new address in another country?
edge: The new address is a parcel locker
when: The customer wants a locker
handle: Check locker size limits before changing
edge: The address change looks like fraud
when: New address far from billing address
handle: Hold the order and notify fraud operations
# Cancel a subscription with a retention offer
team: Retention team
tags: subscriptions, retention
systems: Salesforce, Stripe
acronyms: NPS, MRR
step: Ask why the customer wants to cancel
step: Offer the retention discount that matches the reason
step: Cancel the {product} plan in {system} when the offer is declined
step: Send the cancellation confirmation with the end date
ask: Did the customer accept the retention offer?
answer: Yes | Apply the discount for {days} days
answer: No | Cancel at the end of the billing period
then: Is the customer within the minimum term?
edge: The customer asks for a refund of the current month
when: Cancellation mid-period
handle: Refund pro rata only for annual plans
edge: The customer cancels on behalf of a relative
when: Caller is not the account holder
handle: Ask for written consent before cancelling
# Respond to a formal complaint
team: Complaints unit
tags: complaints
systems: ServiceNow, Zendesk
acronyms: SLA, QA
step: Acknowledge the complaint within one business day
step: Gather the order, call recordings and notes in {system}
step: Agree the remedy with the team lead
step: Send the final response letter
step: Log the root cause category
ask: Is the complaint about staff behaviour?
answer: Yes | Route to the quality analyst for call review
answer: No | Investigate the order history
then: Has the customer mentioned the ombudsman?
edge: The customer threatens legal action
when: A solicitor or lawyer is mentioned
handle: Stop and escalate to legal the same day
edge: The complaint arrives on social media
when: Public post tagging the brand
handle: Move to private messages and log in {system}
# Process a personal data request
team: Privacy office
tags: privacy, gdpr
systems: OneTrust, Salesforce
acronyms: DSAR, GDPR
step: Verify the requester's identity with two documents
step: Log the DSAR in {system} with the received date
step: Collect the data from every system on the checklist
step: Send the export within {days} days
ask: Is the requester the data subject?
answer: Yes | Start the export
answer: No | Ask for a signed authorisation
then: Does the request include deletion?
edge: The request comes from a lawyer
when: A third party acts for the customer
handle: Ask for the mandate before sharing anything
edge: The customer has open orders
when: Deletion requested with orders in transit
handle: Delete after delivery and explain the delay
# Block a lost or stolen card
team: Card services
tags: cards, fraud
systems: Card management system, Genesys
acronyms: BIN, PIN, CVV
step: Block the card immediately in the {system}
step: Review transactions from the last {days} days
step: Order a replacement card to the registered address
step: Explain how to dispute unknown transactions
ask: Are there transactions the customer does not recognise?
answer: Yes | Open a fraud case and send the dispute form
answer: No | Order the replacement card
then: Is the customer abroad?
edge: The customer is travelling
when: Card lost outside the home country
handle: Offer emergency cash and express delivery
edge: The card was found again
when: Customer wants the block removed
handle: Never unblock; issue a new card
# Reschedule a service appointment
team: Appointments desk
tags: appointments
systems: Field service scheduler, Twilio
acronyms: FSM, SMS
step: Find the booking with the reference number
step: Offer the next three free slots for the {product}
step: Confirm the new slot by SMS through {system}
step: Release the old slot
ask: Is the new date within {days} days?
answer: Yes | Book it directly
answer: No | Ask the team lead for an exception
then: Does the visit need a second technician?
edge: The technician is already on the way
when: Less than two hours before the slot
handle: Call dispatch before promising anything
edge: The customer reschedules for the third time
when: Repeated changes
handle: Offer a flexible slot and note the history
# Assess a warranty claim
team: Warranty team
tags: warranty, returns
systems: SAP, Freshdesk
acronyms: RMA, SKU
step: Check the purchase date and serial number of the {product}
step: Run the remote diagnosis checklist
step: Create the RMA in {system}
step: Send the prepaid label from {carrier}
step: Tell the customer the repair turnaround
ask: Is the {product} within the warranty period?
answer: Yes | Create the RMA and send a label
answer: No | Offer a paid repair quote
then: Is there visible physical damage?
edge: The serial number is unreadable
when: Label missing or scratched
handle: Ask for the invoice instead
edge: The product was bought from a reseller
when: Invoice from an unknown shop
handle: Check the authorised reseller list
# Answer an order status enquiry
team: Customer care
tags: orders
systems: Order management system, Zendesk
acronyms: ETA, OMS
step: Find the order by number or email
step: Check the tracking events from {carrier}
step: Explain the expected delivery date
step: Open a trace when there has been no scan for {days} days
ask: Has the parcel had a scan in the last {days} days?
answer: Yes | Share the tracking link
answer: No | Open a trace with {carrier}
then: Is the order marked delivered?
edge: Tracking says delivered but nothing arrived
when: Customer disputes the delivery
handle: Ask neighbours check, then open a lost parcel claim
edge: The order is split into several parcels
when: Partial delivery
handle: Explain each parcel's status separately
# Resolve a billing dispute
team: Payments operations
tags: billing, disputes
systems: Adyen, NetSuite
acronyms: BNPL, VAT
step: Pull the invoice and payment history from {system}
step: Compare the invoice with the price agreed at purchase
step: Issue a credit note for the difference
step: Explain the correction to the customer
ask: Is the disputed amount above {amount} EUR?
answer: Yes | Ask the billing lead to approve the credit note
answer: No | Issue the credit note
then: Was a promotion code applied at checkout?
edge: The customer paid with Klarna
when: Invoice handled by the BNPL provider
handle: Pause the Klarna invoice before crediting
edge: The invoice is already with collections
when: Debt agency involved
handle: Ask collections to pause before changing anything
"""

_BRAND_HEADS = _listed(
    """
Ve Lu Ka Tor Mi Sa Bel Or Qui Zen Ar Ny Fal Cor Di El Ha Is Jo Mar
"""
)

_BRAND_TAILS = _listed(
    """
lora vix trel mo dane rix lux ven tara nox sia bryn quist dell phy zon mira dor ska lin
"""
)

BRANDS = tuple(head + tail for head in _BRAND_HEADS for tail in _BRAND_TAILS)

PRODUCT_TYPES = _listed(
    """
e-bike | thermostat | lamp | router | kettle | headphones | jacket | mattress | camera |
tablet | sofa | drone | watch | fan | backpack | blender | stroller | kayak | heater |
vacuum | speaker | fridge | console | monitor | desk | grill | scooter | printer | cookware
| treadmill | dishwasher | oven | doorbell | lawnmower | toaster | projector | smartphone |
crib | espresso machine | air purifier
"""
)

REGIONS = _listed(
    """
Norway Sweden Denmark Finland Germany Austria France Belgium Netherlands Spain Portugal
Italy Ireland Poland Czechia Hungary Greece Estonia Latvia Lithuania Iceland Scotland Wales
Québec Ontario Bavaria Catalonia Andalusia Lombardy Provence Flanders Silesia Tyrol Zürich
Geneva Bretagne Normandy Saxony Jutland
"""
)

FIRST = _listed(
    """
Priya Jonas Amélie Tomasz Ingrid Mateo Chiara Oskar Leila Agnieszka Bram Cosima Darius
Esther Florin Gwen Hamid Isolde Jarno Katarzyna Linnea Mads Niamh Ottilie Paavo Rosalind
Soren Thea Ulrich Valentina Wiebke Xavier Yasmin Zeynep Aurelio Brigitte Dmitri Fatima
Henrik Sofía Kwame Yuki Björn Aisha Lukas Zoë Rafael Marta Emeka Hanna Tariq Nadia Pieter
Elif Miguel Greta Anders Camille Ravi Lucía Stefan Noor Benedikt Sanne Olumide Ilse Joaquín
"""
)

LAST = _listed(
    """
Natarajan Lindqvist Dubois Kowalski Halvorsen Fernández Ricci Berglund Haddad Volkov Okafor
Jensen Moreau Asante Tanaka Nyström Rahman Hoffmann Whitfield Castillo Novak Eze Virtanen
Qureshi Petrova Vermeulen Yılmaz Ortega Brandt Sørensen Lefèvre Iyer Morales Gruber Khalil
Ackermann Visser Adeyemi Krüger Salazar Abernathy Bjørklund Carvalho Delacroix Engström
Fitzgerald Gallagher Hartmann Ivanova Jovanović Kristiansen Lombardi Mendelsohn Nakamura
Obradović Pellegrini Rasmussen Schuster Thorsen Urquhart Vasquez Wojcik Zimmermann Albrecht
Coppola Donnelly Esposito Falk Greenberg
"""
)

ROLES = _listed(
    """
Tier 1 agent | Tier 2 agent | Team lead | Billing specialist | Fraud analyst | Logistics
coordinator | Privacy officer | Quality analyst
"""
)

CARRIERS = _listed(
    """
DHL PostNord UPS DPD GLS Bring Budbee FedEx
"""
)

SEGMENTS = _listed(
    """
business premium student wholesale marketplace loyalty
"""
)

VAGUE = _listed(
    """
as needed | if appropriate | ASAP | etc. | handle accordingly | use judgement | quickly |
when possible
"""
)

DONE_WHEN = _listed(
    """
the case note is saved | the customer has confirmed by email | the status shows resolved |
the confirmation number is recorded | the ticket is tagged and closed | the refund appears
as pending
"""
)

METRICS = _listed(
    """
CSAT | FCR | AHT | Answer rate | QA score | Service level | Abandonment
"""
)

GLOSSARY = dict(
    line.split(": ", 1)
    for line in """
ARN: Acquirer reference number that lets the bank trace a refund
PCI: Payment card industry rules: never write full card numbers
MFA: Multi-factor authentication
2FA: Two-factor authentication
KYC: Know your customer identity checks
OMS: Order management system
POD: Proof of delivery signed by the recipient
RMA: Return merchandise authorisation
ETA: Estimated time of arrival
WMS: Warehouse management system
NPS: Net promoter score
MRR: Monthly recurring revenue
SLA: Service level agreement
QA: Quality assurance review of handled cases
DSAR: Data subject access request
GDPR: General data protection regulation
BIN: Bank identification number, the first digits of a card
PIN: Personal identification number
CVV: Card verification value
FSM: Field service management
SMS: Text message
SKU: Stock keeping unit
BNPL: Buy now, pay later
VAT: Value added tax
""".strip().splitlines()
)

SCRIPT_OPENINGS = _listed(
    """
Thank you for calling about your {product}, my name is {agent}. | I'm sorry to hear about
the trouble with your {product}. | I can help with that today; may I confirm a few details
first?
"""
)

SCRIPT_CLOSINGS = _listed(
    """
You will receive a confirmation email within {days} minutes with reference {{case_id}}. | Is
there anything else I can help you with regarding order {{order_number}}? | We have logged
this under case {{case_id}}; {team} will follow up within {days} days.
"""
)
TOPICS = _topics(_TOPICS_TEXT)
# Words too common to make a query distinctive.
STOPWORDS = _listed(
    """
with that this from have been when what your they their will into than then there which about
more only also each after before does over under
"""
)
