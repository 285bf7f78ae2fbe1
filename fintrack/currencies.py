"""ISO 4217 currencies that are in circulation: code, name and symbol for formatting."""

from __future__ import annotations

# code: (name, symbol)
CURRENCIES: dict[str, tuple[str, str]] = {
    "AED": ("UAE Dirham", "AED"), "AFN": ("Afghani", "؋"), "ALL": ("Lek", "L"), "AMD": ("Armenian Dram", "֏"),
    "ANG": ("Netherlands Antillean Guilder", "ƒ"), "AOA": ("Kwanza", "Kz"), "ARS": ("Argentine Peso", "$"),
    "AUD": ("Australian Dollar", "A$"), "AWG": ("Aruban Florin", "ƒ"), "AZN": ("Azerbaijan Manat", "₼"),
    "BAM": ("Convertible Mark", "KM"), "BBD": ("Barbados Dollar", "$"), "BDT": ("Taka", "৳"),
    "BGN": ("Bulgarian Lev", "лв"), "BHD": ("Bahraini Dinar", "BD"), "BIF": ("Burundi Franc", "FBu"),
    "BMD": ("Bermudian Dollar", "$"), "BND": ("Brunei Dollar", "$"), "BOB": ("Boliviano", "Bs"),
    "BRL": ("Brazilian Real", "R$"), "BSD": ("Bahamian Dollar", "$"), "BTN": ("Ngultrum", "Nu."),
    "BWP": ("Pula", "P"), "BYN": ("Belarusian Ruble", "Br"), "BZD": ("Belize Dollar", "$"),
    "CAD": ("Canadian Dollar", "CA$"), "CDF": ("Congolese Franc", "FC"), "CHF": ("Swiss Franc", "CHF"),
    "CLP": ("Chilean Peso", "$"), "CNY": ("Yuan Renminbi", "¥"), "COP": ("Colombian Peso", "$"),
    "CRC": ("Costa Rican Colon", "₡"), "CUP": ("Cuban Peso", "$"), "CVE": ("Cabo Verde Escudo", "$"),
    "CZK": ("Czech Koruna", "Kč"), "DJF": ("Djibouti Franc", "Fdj"), "DKK": ("Danish Krone", "kr"),
    "DOP": ("Dominican Peso", "RD$"), "DZD": ("Algerian Dinar", "DA"), "EGP": ("Egyptian Pound", "E£"),
    "ERN": ("Nakfa", "Nfk"), "ETB": ("Ethiopian Birr", "Br"), "EUR": ("Euro", "€"),
    "FJD": ("Fiji Dollar", "$"), "FKP": ("Falkland Islands Pound", "£"), "GBP": ("Pound Sterling", "£"),
    "GEL": ("Lari", "₾"), "GHS": ("Ghana Cedi", "GH₵"), "GIP": ("Gibraltar Pound", "£"),
    "GMD": ("Dalasi", "D"), "GNF": ("Guinean Franc", "FG"), "GTQ": ("Quetzal", "Q"),
    "GYD": ("Guyana Dollar", "$"), "HKD": ("Hong Kong Dollar", "HK$"), "HNL": ("Lempira", "L"),
    "HTG": ("Gourde", "G"), "HUF": ("Forint", "Ft"), "IDR": ("Rupiah", "Rp"),
    "ILS": ("New Israeli Sheqel", "₪"), "INR": ("Indian Rupee", "₹"), "IQD": ("Iraqi Dinar", "IQD"),
    "IRR": ("Iranian Rial", "IRR"), "ISK": ("Iceland Krona", "kr"), "JMD": ("Jamaican Dollar", "J$"),
    "JOD": ("Jordanian Dinar", "JD"), "JPY": ("Yen", "¥"), "KES": ("Kenyan Shilling", "KSh"),
    "KGS": ("Som", "сом"), "KHR": ("Riel", "៛"), "KMF": ("Comorian Franc", "CF"),
    "KPW": ("North Korean Won", "₩"), "KRW": ("Won", "₩"), "KWD": ("Kuwaiti Dinar", "KD"),
    "KYD": ("Cayman Islands Dollar", "$"), "KZT": ("Tenge", "₸"), "LAK": ("Lao Kip", "₭"),
    "LBP": ("Lebanese Pound", "LL"), "LKR": ("Sri Lanka Rupee", "Rs"), "LRD": ("Liberian Dollar", "$"),
    "LSL": ("Loti", "L"), "LYD": ("Libyan Dinar", "LD"), "MAD": ("Moroccan Dirham", "DH"),
    "MDL": ("Moldovan Leu", "L"), "MGA": ("Malagasy Ariary", "Ar"), "MKD": ("Denar", "ден"),
    "MMK": ("Kyat", "K"), "MNT": ("Tugrik", "₮"), "MOP": ("Pataca", "MOP$"), "MRU": ("Ouguiya", "UM"),
    "MUR": ("Mauritius Rupee", "Rs"), "MVR": ("Rufiyaa", "Rf"), "MWK": ("Malawi Kwacha", "MK"),
    "MXN": ("Mexican Peso", "MX$"), "MYR": ("Malaysian Ringgit", "RM"), "MZN": ("Mozambique Metical", "MT"),
    "NAD": ("Namibia Dollar", "$"), "NGN": ("Naira", "₦"), "NIO": ("Cordoba Oro", "C$"),
    "NOK": ("Norwegian Krone", "kr"), "NPR": ("Nepalese Rupee", "Rs"), "NZD": ("New Zealand Dollar", "NZ$"),
    "OMR": ("Rial Omani", "OMR"), "PAB": ("Balboa", "B/."), "PEN": ("Sol", "S/"),
    "PGK": ("Kina", "K"), "PHP": ("Philippine Peso", "₱"), "PKR": ("Pakistan Rupee", "Rs"),
    "PLN": ("Zloty", "zł"), "PYG": ("Guarani", "₲"), "QAR": ("Qatari Rial", "QR"),
    "RON": ("Romanian Leu", "lei"), "RSD": ("Serbian Dinar", "din"), "RUB": ("Russian Ruble", "₽"),
    "RWF": ("Rwanda Franc", "FRw"), "SAR": ("Saudi Riyal", "SR"), "SBD": ("Solomon Islands Dollar", "$"),
    "SCR": ("Seychelles Rupee", "Rs"), "SDG": ("Sudanese Pound", "SDG"), "SEK": ("Swedish Krona", "kr"),
    "SGD": ("Singapore Dollar", "S$"), "SHP": ("Saint Helena Pound", "£"), "SLE": ("Leone", "Le"),
    "SOS": ("Somali Shilling", "Sh"), "SRD": ("Surinam Dollar", "$"), "SSP": ("South Sudanese Pound", "£"),
    "STN": ("Dobra", "Db"), "SVC": ("El Salvador Colon", "₡"), "SYP": ("Syrian Pound", "£S"),
    "SZL": ("Lilangeni", "E"), "THB": ("Baht", "฿"), "TJS": ("Somoni", "SM"), "TMT": ("Turkmenistan Manat", "m"),
    "TND": ("Tunisian Dinar", "DT"), "TOP": ("Pa’anga", "T$"), "TRY": ("Turkish Lira", "₺"),
    "TTD": ("Trinidad and Tobago Dollar", "TT$"), "TWD": ("New Taiwan Dollar", "NT$"),
    "TZS": ("Tanzanian Shilling", "TSh"), "UAH": ("Hryvnia", "₴"), "UGX": ("Uganda Shilling", "USh"),
    "USD": ("US Dollar", "$"), "UYU": ("Peso Uruguayo", "$U"), "UZS": ("Uzbekistan Sum", "soʻm"),
    "VES": ("Bolívar Soberano", "Bs.S"), "VND": ("Dong", "₫"), "VUV": ("Vatu", "VT"), "WST": ("Tala", "WS$"),
    "XAF": ("CFA Franc BEAC", "FCFA"), "XCD": ("East Caribbean Dollar", "EC$"), "XOF": ("CFA Franc BCEAO", "CFA"),
    "XPF": ("CFP Franc", "₣"), "YER": ("Yemeni Rial", "YR"), "ZAR": ("Rand", "R"), "ZMW": ("Zambian Kwacha", "ZK"),
    "ZWG": ("Zimbabwe Gold", "ZiG"),
}


def is_currency(code: str) -> bool:
    """True when `code` is an ISO 4217 code in circulation (upper case, three letters)."""
    return code in CURRENCIES


def currency_symbol(code: str) -> str:
    """The symbol used when formatting amounts; the code itself when unknown."""
    return CURRENCIES.get(code, (code, code))[1]


def currency_choices() -> list[str]:
    """Codes sorted for a picker, each shown with its name by `currency_label`."""
    return sorted(CURRENCIES)


def currency_label(code: str) -> str:
    """`EUR — Euro` style label for pickers."""
    name = CURRENCIES.get(code, (code, code))[0]
    return f"{code} — {name}"
