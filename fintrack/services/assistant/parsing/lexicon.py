"""The words the parser knows: payment methods, category synonyms and the cues that say income or expense.

Everything here is data; the recognisers that use it live beside it (`recognise.py`).
"""

from __future__ import annotations

import re

PAYMENT_METHODS: tuple[tuple[str, str], ...] = (
    (r"direct debit|standing order|dd", "Direct debit"),
    (r"bank transfer|wire transfer|transfer|wire|bacs|sepa", "Bank transfer"),
    (r"credit card|debit card|company card|card|visa|mastercard|amex|apple pay|google pay|contactless", "Card"),
    (r"cash", "Cash"),
    (r"cheque|check", "Cheque"),
    (r"paypal", "PayPal"),
)

# (words, default category): the category an owner means by a word, spelled as the owner spells it.
CATEGORY_SYNONYMS: dict[str, tuple[tuple[str, str], ...]] = {
    "expense": (
        (r"fuel|petrol|diesel|gas|gasoline|gas station|ev charging|taxi|cab|uber|lyft|train|trains|rail|tickets?|"
         r"bus|metro|flights?|airfare|plane|hotel|airbnb|parking|car park|mileage|tolls?|car wash|car hire|van|"
         r"van hire|rental car|mot|travel", "Travel"),
        (r"lunch|dinner|breakfast|coffee|coffees|coffee beans|espresso|tea|restaurant|meals?|food|catering|snacks|"
         r"uber eats|"
         r"groceries|takeaway|pizza|drinks|sandwich(?:es)?|cafe|café", "Meals"),
        (r"software|subscription|saas|licen[cs]e|apps?|hosting|server|servers|domains?|cloud|vps|website|"
         r"plugin|storage|icloud", "Software"),
        (r"rent|lease|office rent|hot desk|coworking|co-working|workspace", "Rent"),
        (r"electricity|electric|power bill|energy|gas bill|water bill|water|heating|internet|broadband|wifi|phone bill|"
         r"phone|mobile plan|mobile|utilities|utility bill", "Utilities"),
        (r"laptop|computer|pc|printer|printers|monitor|screen|keyboard|mouse|equipment|tools?|camera|tablet|"
         r"ipad|headphones|laptop stand|desk|chair|furniture|hardware|drill|machine|appliance|fridge|kettle",
         "Equipment"),
        (r"ads|advert\w*|marketing|facebook ads|google ads|flyers|leaflets|promotion|sponsorship|seo|"
         r"business cards|printing",
         "Advertising"),
        (r"accountant|accounting|bookkeep\w*|lawyer|legal|solicitor|notary|consultant|audit", "Professional services"),
        (r"insurance|insurance premium", "Insurance"),
        (r"stationery|paper|printer paper|office supplies|supplies|postage|stamps|ink|toner|cartridges?|courier|"
         r"shipping|delivery|parcel|envelopes|pens|notebooks?|books?|newspapers?|magazines?", "Office"),
        (r"bank fees?|bank charges?|card fees?|transaction fees?|account fees?|overdraft|paypal fees?|"
         r"stripe fees?|etsy fees?|processing fees?|platform fees?|merchant fees?", "Bank fees"),
        (r"salary|salaries|wages|payroll", "Payroll"),
        (r"materials?|raw materials|timber|wood|lumber|fabric|yarn|ingredients|stock", "Other"),
        (r"contractor|freelancer|freelance\w*|subcontractor|plumber|electrician|builder|handyman|cleaner|"
         r"cleaning|repairs?|repairman", "Contractors"),
        (r"tax|taxes|vat|licence fee|permit|council tax|business rates", "Taxes & licences"),
    ),
    "income": (
        (r"consulting|consultancy|advice|coaching", "Consulting"),
        (r"interest|interest earned", "Interest"),
        (r"refund|refunded|reimburse\w*|cashback|money back", "Refunds"),
        (r"sale|sales|sold|shop|products?|takings|till|market stall|payouts?|orders", "Sales"),
        (r"invoice|services?|project|design|work|retainer|commission|fees? earned|gigs?|shoot|photography|"
         r"lessons?|tutoring|performance", "Services"),
        (r"grants?|royalty|royalties|subsidy|prize|rebate|tips|gratuities", "Other"),
    ),
}

# Category words that say nothing of the kind: owners send invoices and receive them.
EITHER_KIND = frozenset({"invoice", "invoices"})

# Cues of the kind. A sentence with only income cues is an income, only expense cues an expense; one with
# both is decided by the stronger cue (below: "paid me" beats "paid"), or asked about.
INCOME_CUES = re.compile(
    r"\b(income|received|receive|recieved|rec['’]d|rcvd|recvd|got paid|"
    r"got(?=\s+[€$£]?\d[\d.,]*k?\b(?!\s+[a-z]+s\b))|made|"
    r"earned|earn|paid (?:me|us)|pays? (?:me|us)|revenue|sold|sales?|"
    r"takings|payouts?|paid out|interest|deposit(?:ed)?|banked|refunds?|refunded (?:from|by)|refund of|"
    r"money back|cashback|invoice (?:to|paid by)|invoiced|client paid|customer paid|transfer from|came in|"
    r"(?:client|customer) payment|payment (?:from|received)|paid by|royalt(?:y|ies)|grant|money in|"
    r"from (?:a |my |the )?(?:client|customer))\b", re.I)
EXPENSE_CUES = re.compile(
    r"\b(spent|spend|paid (?:for|to|at)|pay for|bought|buy|purchased?|bill|fee|fees|subscription|sub|renewal|"
    r"cost|costs|expense|expenses|charged?|top.?up|ordered|hired|tipped|refund(?:ed)? to|gave|owed)\b|"
    r"^\s*(?:(?:i|we)\s+)?refunded\b(?!\s+(?:by|from)\b)", re.I)
# "paid" alone: an expense when the owner is the one paying ("paid Hetzner 39", "I paid 40"); a trailing
# "paid", or one right after "invoice", is a status ("invoice to Globex 2,000 paid", "invoice paid 1200 Acme").
PAID = re.compile(r"(?<!invoice )\b(paid|pay)\b(?!\s*[.!]?\s*$)", re.I)  # 'invoice paid': a status too
# Money that came in by a method: "transfer from Hooli", "payment from Acme", "cash in 50", "payment in 300"
# (the method itself is taken out); "paid in full", "cash in hand" say nothing of the way.
MONEY_IN = re.compile(r"\b(?:transfer|payment|pa?ymt|pmt|wire|deposit)\s+(?:received\s+)?from\b|"
                      r"\b(?:cash|payment|transfer|wire)\s+in\b(?!\s+(?:advance|full|hand)\b)", re.I)
# Someone else paid: "Globex paid 2,400", "Acme has paid us" (not "I paid", "we paid").
OTHERS_PAID = re.compile(r"^(?P<party>(?!(?:i|we|you|they|he|she|someone|just|also|have|had|already)\b)"
                         r"[\w&'’.-]+(?:\s+[\w&'’.-]+){0,3}?)\s+(?:has\s+|have\s+|just\s+)?(?:paid|pays|transferred|"
                         r"sent|refunded|wired|settled)\b(?!\s+(?:for|to|at)\b)", re.I)

ADD_WORDS = re.compile(r"\b(add|record|log|enter|note|put|put down|book|jot)\b", re.I)
ADD_LEAD = re.compile(r"^\s*(add|record|log|enter|book|put|(?:income|expense)\s+(?:of\s+)?[€$£]?\d)", re.I)
# A bare number before a unit is a quantity, not the amount ("mileage 120 miles 54").
UNITS = r"miles?|mi|kms?|kilomet(?:re|er)s?|hours?|hrs?|nights?|litres?|liters?|kg|pcs|pieces|units|sq ?m"
QUESTION_LEAD = re.compile(
    r"^\s*(how|what|what's|whats|which|who|show|list|top|total|totals|tell|give|did|do|does|are|was|is|where|"
    r"when|find|search|profit|net|biggest|largest|sum|breakdown|spending)\b", re.I)
ADVICE = re.compile(
    r"^\s*(should|shall|could|would|must|ought)\s+(i|we)\b|^\s*how (?:do|can|could|should) (?:i|we)\b(?!\s+"
    r"(?:add|use|record|enter|log|ask)\b)|"
    r"\bshould (?:i|we)\b(?! add\b)|\b(advise|advice on|recommend|worth it|is it worth|better to|do you think|"
    r"what do you think|suggest|good idea|help me (?:with|to|decide))\b", re.I)
REFUSE_VERBS = re.compile(r"\b(delete|remove|erase|undo|edit|change|update|rename|forecast|predict|invest|"
                          r"tax return|send|email|pay (?:my|the)|transfer money|loan)\b", re.I)
OWN_MONEY = re.compile(r"\b(took out|withdrew|withdrawal|cash machine|atm|to (?:my )?savings|"
                       r"(?<!interest )from (?:my )?savings|"
                       r"drawings?|owner'?s? draw)\b", re.I)
REPEAT = re.compile(r"\b(same as|again|repeat|like last (?:time|month|week))\b", re.I)
SHARE = re.compile(r"\b(split|my half|half of|my share|per person|\d+\s?%)", re.I)
MISSING = re.compile(r"\b(missing|gaps?|incomplete|forgot(?:ten)?|what (?:else )?should i add)\b", re.I)
HELP = re.compile(r"^\s*(hi|hello|hey|help|what can you do|how does this work|who are you|"
                  r"how (?:do|can) (?:i|we) (?:add|use|record|enter|log|ask))\b", re.I)

# Words that end a company's name: part of a name, never a note.
COMPANY_SUFFIXES = frozenset("ltd ltd. inc inc. llc llp gmbh plc corp co co. bv nv ag sa sarl sas srl spa ab oy "
                             "pty limited".split())

# Words that carry no vendor, client or note: verbs, prepositions, pronouns, kind words.
FILLER = frozenset("""
a an the my our your his her their its this that these those some any of for on in at to from by with via
and or but so then also just only today paid pay pays spent spend bought buy purchased purchase got get
received receive earned earn add added record log enter note put down book jot i we me us you it they he she
was were is are be been has have had did do does for-the amount total new another one expense expenses
income incomes cost costs costed under as category costs' bill fee fees subscription payment payments
money cash-in some about around approx approximately roughly euro euros dollars pounds bucks quid kr eur
usd gbp chf deposited deposit banked sale sales takings payout payouts refund refunds interest invoice
client customer vendor supplier shop store please thanks thx pls item items stuff things thing via
inv order ref reference receipt rec'd rcvd recvd pmt pymt no nr number sold transferred sent wired settled
made came went over up w w/ @ x
""".split())

# Well-known vendors, as they write their names, and the category most owners book them under (None: it
# depends on what was bought). The owner's own history comes first.
KNOWN_VENDORS: dict[str, str | None] = {
    **dict.fromkeys(("Spotify", "Netflix", "Adobe", "Microsoft", "Google Workspace", "AWS", "Hetzner",
                     "DigitalOcean", "GitHub", "Dropbox", "Slack", "Zoom", "Notion", "Canva", "Figma",
                     "Squarespace", "Wix", "GoDaddy", "Namecheap", "OpenAI", "Atlassian", "Mailchimp", "LinkedIn",
                     "Zapier", "Xero", "QuickBooks", "FreshBooks", "Calendly", "Trello", "Asana", "HubSpot"),
                    "Software"),
    **dict.fromkeys(("Shell", "BP", "Esso", "Texaco", "Chevron", "Exxon", "Aral", "Uber", "Lyft", "Bolt",
                     "Ryanair", "easyJet", "Lufthansa", "Trainline", "DB Bahn", "SNCF", "Q-Park", "Booking.com"),
                    "Travel"),
    **dict.fromkeys(("Starbucks", "Costa", "Pret", "McDonald's", "Deliveroo", "Just Eat", "Uber Eats"), "Meals"),
    **dict.fromkeys(("Staples", "Office Depot", "Viking", "Royal Mail", "DHL", "FedEx", "USPS"), "Office"),
    **dict.fromkeys(("IKEA", "Apple", "Dell", "Lenovo", "Screwfix", "Toolstation", "B&Q", "Currys"), "Equipment"),
    **dict.fromkeys(("Vodafone", "Verizon", "AT&T", "O2", "Comcast", "Telekom"), "Utilities"),
    **dict.fromkeys(("Facebook Ads", "Google Ads", "Meta Ads", "LinkedIn Ads"), "Advertising"),
    **dict.fromkeys(("HMRC", "IRS", "Finanzamt"), "Taxes & licences"),
    **dict.fromkeys(("Amazon", "eBay", "Costco", "Walmart", "Tesco", "Lidl", "Aldi", "Target"), None),
}
# Platforms that pay owners out: money from them is income unless the words say otherwise ('Stripe fees').
KNOWN_PAYERS: tuple[str, ...] = ("Stripe", "Etsy", "Shopify", "Square", "SumUp", "Patreon", "Gumroad", "Upwork",
                                 "Fiverr", "Substack", "PayPal")
