"""The JSON API on the real server (`streamlit run server.py`), over HTTP: sign-up and sign-in, the entries
and assets, the errors' statuses and shape, two owners, read-only and expired and revoked tokens.
No browser is needed, so these run without the `browser` mark."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests
from sqlalchemy import update

from fintrack.db.models import ApiToken
from tests.e2e.api.conftest import EXPENSE, make_owner
from tests.e2e.conftest import PASSWORD, new_email

ASSET = {"name": "Van", "acquisition_date": "2025-06-30", "value": "18999.99", "type": "Vehicles"}


def _openapi(base_url: str) -> dict:
    return requests.get(f"{base_url}/api/openapi.json", timeout=30).json()


def _operations(base_url: str) -> list[tuple[str, str]]:
    return [(method.upper(), path.removeprefix("/v1")) for path, item in _openapi(base_url)["paths"].items()
            for method in item]


def _concrete(path: str, some_id: int = 1) -> str:
    return path.replace("{entry_id}", str(some_id)).replace("{asset_id}", str(some_id)).replace(
        "{token_id}", str(some_id)).replace("{proposal_id}", str(some_id))


def test_openapi_answers_beside_the_screens(base_url):
    document = _openapi(base_url)
    assert document["servers"] == [{"url": "/api"}] and "/v1/expenses" in document["paths"]
    assert requests.get(f"{base_url}/_stcore/health", timeout=30).status_code == 200


def test_sign_up_then_sign_in_gives_a_token_for_me(api):
    email = new_email()
    created = requests.post(f"{api}/auth/signup", json={
        "email": email, "password": PASSWORD, "business_name": "Acme", "fiscal_year_start": "2026-04-06",
        "currency_code": "GBP"}, timeout=30)
    assert created.status_code == 201 and created.json()["email"] == email
    assert requests.post(f"{api}/auth/signup", json={
        "email": email.upper(), "password": PASSWORD, "business_name": "Acme", "fiscal_year_start": "2026-04-06",
        "currency_code": "GBP"}, timeout=30).status_code == 409
    signed_in = requests.post(f"{api}/auth/login", json={"email": email, "password": PASSWORD}, timeout=30)
    assert signed_in.status_code == 200
    me = requests.get(f"{api}/auth/me", headers={"Authorization": f"Bearer {signed_in.json()['token']}"}, timeout=30)
    assert me.json() | {"id": 0} == {"id": 0, "email": email, "business_name": "Acme",
                                     "fiscal_year_start": "2026-04-06", "currency_code": "GBP", "locale": "en_GB"}


def test_bad_sign_up_is_a_422_naming_each_field(api):
    refused = requests.post(f"{api}/auth/signup", json={
        "email": "nope", "password": "short", "business_name": "Acme", "fiscal_year_start": "2026-01-01",
        "currency_code": "XYZ"}, timeout=30)
    assert refused.status_code == 422
    assert {error["field"] for error in refused.json()["errors"]} == {"email", "password", "currency_code"}


def test_a_wrong_password_is_401_and_too_many_are_429_with_retry_after(api, server_db):
    owner = make_owner(server_db)
    statuses = [requests.post(f"{api}/auth/login", json={"email": owner.email, "password": "wrong password!"},
                              timeout=30) for _ in range(6)]
    assert [response.status_code for response in statuses] == [401] * 5 + [429]
    assert int(statuses[-1].headers["Retry-After"]) > 0 and "Too many sign-in attempts" in statuses[-1].json()["detail"]


def test_every_route_but_sign_up_and_sign_in_needs_a_live_token(base_url):
    for method, path in _operations(base_url):
        if path in ("/auth/signup", "/auth/login"):
            continue
        for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Bearer ftp_forged"}):
            response = requests.request(method, f"{base_url}/api/v1{_concrete(path)}", headers=headers, timeout=30)
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["WWW-Authenticate"] == "Bearer"
            assert response.headers["Cache-Control"] == "no-store"


def test_an_expense_is_added_read_corrected_listed_and_deleted(caller):
    created = caller.call("POST", "/expenses", json=EXPENSE)
    assert created.status_code == 201
    entry = created.json()
    assert {name: entry[name] for name in EXPENSE} == EXPENSE and entry["kind"] == "expense"
    read = caller.call("GET", f"/expenses/{entry['id']}")
    assert read.json() == entry and read.headers["Cache-Control"] == "no-store"
    corrected = caller.call("PUT", f"/expenses/{entry['id']}", json={**EXPENSE, "amount": "99.90"})
    assert corrected.status_code == 200 and corrected.json()["amount"] == "99.90"
    listed = caller.call("GET", "/expenses", params={"date_from": "2026-03-01", "date_to": "2026-03-31"}).json()
    assert [item["id"] for item in listed["items"]] == [entry["id"]] and listed["total_amount"] == "99.90"
    assert caller.call("DELETE", f"/expenses/{entry['id']}").status_code == 200
    assert caller.call("GET", f"/expenses/{entry['id']}").status_code == 404


@pytest.mark.parametrize("plural", ["expenses", "incomes"])
def test_a_pages_items_are_the_entries_as_their_own_get_gives_them(caller, plural):
    created = caller.call("POST", f"/{plural}", json=EXPENSE).json()
    [item] = caller.call("GET", f"/{plural}").json()["items"]
    assert item == created == caller.call("GET", f"/{plural}/{created['id']}").json()
    assert isinstance(item["account_id"], int)  # the owner's default account


def test_the_ledgers_filters_choose_the_view(caller):
    for amount, category, party in (("10.00", "Fuel", "Shell"), ("250.00", "Rent", "Landlord"),
                                    ("75.50", "Fuel", "Aral")):
        caller.call("POST", "/expenses", json={**EXPENSE, "amount": amount, "category": category, "party": party})
    view = caller.call("GET", "/expenses", params={"category": "Fuel", "amount_min": "20", "sort": "amount_asc"})
    assert [item["party"] for item in view.json()["items"]] == ["Aral"]
    both = caller.call("GET", "/expenses", params=[("category", "Fuel"), ("category", "Rent")])
    assert {item["party"] for item in both.json()["items"]} == {"Shell", "Landlord", "Aral"}
    assert [item["party"] for item in caller.call("GET", "/expenses", params={"party": "LAND"}).json()["items"]] == [
        "Landlord"]
    bad = caller.call("GET", "/expenses", params={"amount_min": "12.345"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "amount_min"
    assert caller.call("GET", "/expenses", params={"period": "someday"}).status_code == 422


def test_cursor_paging_stays_put_while_entries_are_added(caller):
    ids = [caller.call("POST", "/incomes", json={**EXPENSE, "category": "Sales", "date": f"2026-01-{day:02d}"})
           .json()["id"] for day in range(1, 8)]
    first = caller.call("GET", "/incomes", params={"limit": 3}).json()
    assert [item["id"] for item in first["items"]] == ids[::-1][:3] and first["total_count"] == 7
    caller.call("POST", "/incomes", json={**EXPENSE, "category": "Sales", "date": "2026-02-01"})
    second = caller.call("GET", "/incomes", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    assert [item["id"] for item in second["items"]] == ids[::-1][3:6]
    other_sort = caller.call("GET", "/incomes", params={"cursor": first["next_cursor"], "sort": "amount_asc"})
    assert other_sort.status_code == 422 and other_sort.json()["errors"][0]["field"] == "cursor"


def test_an_invalid_entry_is_a_422_with_the_forms_messages_and_writes_nothing(caller):
    refused = caller.call("POST", "/expenses", json={**EXPENSE, "date": "2026-02-30", "amount": "0",
                                                     "category": "", "colour": "red"})
    assert refused.status_code == 422
    fields = {error["field"]: error["message"] for error in refused.json()["errors"]}
    assert set(fields) == {"date", "amount", "category", "colour"}
    assert fields["amount"] == "Amount: the amount must be more than zero"
    assert caller.call("GET", "/expenses").json()["total_count"] == 0
    not_json = caller.call("POST", "/expenses", data="date=2026-01-01", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 422


def test_a_bulk_insert_is_all_or_nothing(caller):
    rows = [{**EXPENSE, "amount": str(amount)} for amount in (1, 2, 3)]
    refused = caller.call("POST", "/expenses/bulk", json={"entries": [*rows, {**EXPENSE, "amount": "-5"}]})
    assert refused.status_code == 422
    assert [error["field"] for error in refused.json()["errors"]] == ["3.amount"]
    assert "Entry 4, amount" in refused.json()["errors"][0]["message"]
    assert caller.call("GET", "/expenses").json()["total_count"] == 0
    created = caller.call("POST", "/expenses/bulk", json={"entries": rows})
    assert created.status_code == 201 and created.json()["created"] == 3
    view = caller.call("GET", "/expenses").json()
    assert view["total_count"] == 3 and view["total_amount"] == "6.00"
    assert sorted(created.json()["ids"]) == sorted(item["id"] for item in view["items"])


def test_assets_are_added_listed_with_totals_corrected_and_deleted(caller):
    asset = caller.call("POST", "/assets", json=ASSET).json()
    assert {name: asset[name] for name in ASSET} == ASSET and asset["notes"] is None
    listed = caller.call("GET", "/assets").json()
    assert listed["totals"] == {"total": "18999.99", "by_type": [["Vehicles", "18999.99"]]}
    assert caller.call("PUT", f"/assets/{asset['id']}", json={**ASSET, "value": "100"}).json()["value"] == "100.00"
    assert caller.call("DELETE", f"/assets/{asset['id']}").status_code == 200
    assert caller.call("GET", f"/assets/{asset['id']}").status_code == 404


def _one_of_each(caller) -> dict[str, int]:
    return {"expenses": caller.call("POST", "/expenses", json=EXPENSE).json()["id"],
            "incomes": caller.call("POST", "/incomes", json={**EXPENSE, "category": "Sales"}).json()["id"],
            "assets": caller.call("POST", "/assets", json=ASSET).json()["id"],
            "user/tokens": caller.call("POST", "/user/tokens", json={"name": "mine"}).json()["info"]["id"]}


def test_another_owners_ids_are_404_and_change_nothing(new_caller):
    ann, bob = new_caller(), new_caller()
    anns = _one_of_each(ann)
    before = {resource: ann.call("GET", f"/{resource}").json() for resource in ("expenses", "incomes", "assets")}
    for resource, some_id in anns.items():
        body = ASSET if resource == "assets" else EXPENSE
        methods = ("DELETE",) if resource == "user/tokens" else ("GET", "PUT", "DELETE")
        for method in methods:
            response = bob.call(method, f"/{resource}/{some_id}", json=body if method == "PUT" else None)
            assert response.status_code == 404, (method, resource)
            assert "was not found" in response.json()["detail"]
    assert {resource: ann.call("GET", f"/{resource}").json() for resource in before} == before
    assert len(ann.call("GET", "/user/tokens").json()) == 1
    assert bob.call("GET", "/expenses").json()["total_count"] == 0


def test_a_read_only_token_reads_and_is_refused_every_write(base_url, new_caller):
    writer = new_caller()
    ids = _one_of_each(writer)
    reader = new_caller(writer.owner, personal={"can_write": False})
    assert reader.call("GET", f"/expenses/{ids['expenses']}").status_code == 200
    reads = {("POST", "/imports")}  # a statement's preview writes nothing
    writes = [(method, path) for method, path in _operations(base_url)
              if method != "GET" and not path.startswith("/auth/") and (method, path) not in reads]
    assert len(writes) >= 12
    for method, path in writes:
        some_id = ids.get(path.split("/{")[0].strip("/"), 1)
        response = reader.call(method, _concrete(path, some_id), json={})
        assert response.status_code == 403, (method, path)
        assert "read-only" in response.json()["detail"]
    assert writer.call("GET", "/expenses").json()["total_count"] == 1
    assert len(writer.call("GET", "/assets").json()["items"]) == 1


def test_a_refused_write_is_logged_with_the_owner_and_token_never_the_token_itself(app_server, new_caller):
    reader = new_caller(personal={"can_write": False})
    assert reader.call("POST", "/expenses", json=EXPENSE).status_code == 403
    lines = [json.loads(line) for line in Path(app_server["log"]).read_text().splitlines() if line.startswith("{")]
    [refused] = [line for line in lines if line.get("event") == "api.read_only_refused"
                 and line.get("owner_id") == reader.owner.id]
    assert refused["level"] == "WARNING" and refused["token_id"] and refused.get("request_id")
    assert reader.token not in Path(app_server["log"]).read_text()


def test_an_expired_personal_token_is_refused(new_caller, server_db):
    caller = new_caller(personal={"can_write": True, "expires_on": dt.date.today().isoformat()})
    assert caller.call("GET", "/auth/me").status_code == 200
    with server_db.transaction() as session:
        session.execute(update(ApiToken).where(ApiToken.user_id == caller.owner.id)
                        .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    assert caller.call("GET", "/auth/me").status_code == 401


def test_tokens_are_created_shown_once_listed_and_revoked(caller):
    created = caller.call("POST", "/user/tokens", json={"name": "Nightly", "can_write": True}).json()
    personal = caller.with_token(created["token"])
    assert personal.call("GET", "/auth/me").status_code == 200
    listed = caller.call("GET", "/user/tokens").json()
    assert [token["name"] for token in listed] == ["Nightly"] and "token" not in listed[0]
    assert listed[0]["last_used_at"] is not None
    assert caller.call("DELETE", f"/user/tokens/{created['info']['id']}").status_code == 200
    assert personal.call("GET", "/auth/me").status_code == 401
    again = [caller.call("POST", "/user/tokens", json={"name": name}).json()["token"] for name in ("a", "b")]
    assert caller.call("DELETE", "/user/tokens").json()["detail"] == "2 token(s) revoked."
    assert all(caller.with_token(token).call("GET", "/auth/me").status_code == 401 for token in again)


def test_sign_out_ends_that_token_and_sign_out_everywhere_ends_every_sign_in(new_caller):
    first = new_caller()
    second, personal = new_caller(first.owner), new_caller(first.owner, personal={})
    assert first.call("POST", "/auth/logout").status_code == 200
    assert first.call("GET", "/auth/me").status_code == 401 and second.call("GET", "/auth/me").status_code == 200
    assert personal.call("POST", "/auth/logout").status_code == 422
    third = new_caller(first.owner)
    assert third.call("POST", "/auth/logout", params={"everywhere": "true"}).status_code == 200
    assert second.call("GET", "/auth/me").status_code == 401 and third.call("GET", "/auth/me").status_code == 401
    assert personal.call("GET", "/auth/me").status_code == 200


def test_a_password_change_ends_sign_in_tokens(new_caller):
    caller = new_caller()
    other = new_caller(caller.owner)
    wrong = caller.call("PUT", "/user/password", json={"current_password": "nope", "new_password": PASSWORD + "!"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    changed = caller.call("PUT", "/user/password", json={"current_password": PASSWORD, "new_password": PASSWORD + "!"})
    assert changed.status_code == 200
    assert caller.call("GET", "/auth/me").status_code == 401 and other.call("GET", "/auth/me").status_code == 401


def test_settings_are_read_and_changed(caller):
    assert caller.call("GET", "/user/settings").json()["business_name"] == "Acme"
    changed = caller.call("PUT", "/user/settings", json={"business_name": "Acme Ltd", "fiscal_year_start": "2026-04-06",
                                                         "currency_code": "chf", "locale": "de_CH"})
    assert changed.status_code == 200
    assert caller.call("GET", "/auth/me").json() | {"id": 0, "email": ""} == {
        "id": 0, "email": "", "business_name": "Acme Ltd", "fiscal_year_start": "2026-04-06", "currency_code": "CHF",
        "locale": "de_CH"}


def test_a_body_over_the_cap_is_413(caller):
    huge = caller.call("POST", "/expenses", data=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                       headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and "larger than" in huge.json()["detail"]


def test_the_original_designs_paths_answer_too(caller, base_url):
    response = requests.get(f"{base_url}/api/expenses", headers={"Authorization": f"Bearer {caller.token}"},
                            timeout=30)
    assert response.status_code == 200 and response.json()["total_count"] == 0


@pytest.mark.parametrize(("comma", "separator", "amount"), [(False, ";", "1234,50"), (True, ",", "1234.50")])
def test_the_csv_of_the_view_is_the_ledgers(caller, comma, separator, amount):
    caller.call("PUT", "/user/settings", json={"business_name": "Acme", "fiscal_year_start": "2026-01-01",
                                               "currency_code": "EUR", "locale": "de_DE"})
    caller.call("POST", "/expenses", json=EXPENSE)
    csv = caller.call("GET", "/expenses/export.csv", params={"comma": str(comma).lower()})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(separator)[:4] == ["Id", "Date", "Category", "Vendor"]
    assert amount in lines[1].split(separator)
