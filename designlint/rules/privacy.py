"""Personal data: whose data it is, where it goes, how long it is kept, and who can opt out."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule


@rule("personal-data-to-external", Severity.WARNING, "Personal data does not flow to an external component unannounced.")
def personal_data_to_external(design):
    """A component that holds personal data (an item of its `data` with `personal: true`) and has a data flow straight into an `external` component.

    "Whose data is being used, and can they opt out?" A third party that
    receives personal data needs a data-processing agreement and a reason.
    Send only what it needs (pseudonymise or minimise), or waive the finding
    on the component and name the agreement in the reason.

    Fails::

        designlint: 1
        system: travel
        components:
          profiles:
            kind: datastore
            owner: web
            error_budget: {availability: 99.95%}
            data:
              - {name: passport details, personal: true, retention: 400d, opt_out: account deletion}
          airline_api: {kind: external, owner: supply, fallback: profiles, error_budget: {availability: 99%}}
        flows:
          - profiles -> airline_api

    Passes::

        designlint: 1
        system: travel
        components:
          profiles:
            kind: datastore
            owner: web
            error_budget: {availability: 99.95%}
            data:
              - {name: passport details, personal: true, retention: 400d, opt_out: account deletion}
            waive:
              personal-data-to-external: Airline DPA 2024-17 covers passport data for ticketing.
          airline_api: {kind: external, owner: supply, fallback: profiles, error_budget: {availability: 99%}}
        flows:
          - profiles -> airline_api
    """
    graph = design.graph
    for comp in design.components.values():
        names = [item.name for item in comp.personal_data]
        if not names:
            continue
        for flow in graph.flows_out_of(comp.id, "data"):
            if graph.kind(flow.target.id) != "external":
                continue
            listed = ", ".join(f"`{n}`" for n in names)
            yield Problem(
                flow.location,
                f"{comp.label} holds personal data ({listed}) and sends data to the external `{flow.target.id}`: "
                "send only what it needs (pseudonymise or minimise), or waive this with the data-processing agreement",
                comp.id,
                subject=f"flow:{flow}",
            )


@rule("personal-data-retention", Severity.WARNING, "Personal data has a retention period and an opt-out.")
def personal_data_retention(design):
    """An item of `data` with `personal: true` that has no `retention` (a duration) or no `opt_out`.

    Personal data kept forever, or kept with no way for the person to say
    no, is a liability a reviewer will ask about. `opt_out` says how a person
    opts out (text); `opt_out: false` says they cannot, which is reported too,
    so that the reason is written down as a waiver.

    Fails::

        designlint: 1
        system: churn
        components:
          call_transcripts:
            kind: datastore
            owner: care-platform
            error_budget: {availability: 99.9%}
            data:
              - {name: call recordings, personal: true}

    Passes::

        designlint: 1
        system: churn
        components:
          call_transcripts:
            kind: datastore
            owner: care-platform
            error_budget: {availability: 99.9%}
            data:
              - {name: call recordings, personal: true, retention: 90d, opt_out: "IVR prompt: press 2 to opt out"}
              - usage aggregates
    """
    for comp in design.components.values():
        for item in comp.personal_data:
            missing = []
            if not item.retention:
                missing.append("no `retention` (how long it is kept, e.g. `retention: 90d`)")
            if item.opt_out is False:
                missing.append("`opt_out: false` (people cannot opt out: say why in a waiver)")
            elif not (isinstance(item.opt_out, str) and item.opt_out.strip()):
                missing.append("no `opt_out` (how a person opts out)")
            if missing:
                yield Problem(item.location,
                              f"personal data `{item.name}` on {comp.label} has {' and '.join(missing)}",
                              comp.id, subject=f"data:{item.name}")
