"""Personal data: whose data it is, where it goes, how long it is kept, and who can opt out."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule


@rule("personal-data-to-external", Severity.WARNING, "Personal data does not flow to an external component unannounced.")
def personal_data_to_external(design):
    """What it checks: a component that holds personal data (an item of its `data`
    with `personal: true`) and has a data flow straight into an `external`
    component.

    Why it matters: "Whose data is being used, and can they opt out?" A third
    party that receives personal data needs a data-processing agreement and a
    reason. Send only what it needs (pseudonymise or minimise), or waive the
    finding on the component and name the agreement in the reason.

    Fails::

        designlint: 1
        system: travel
        components:
          profiles:
            kind: datastore
            data:
              - {name: passport details, personal: true}
          airline_api: {kind: external}
        flows:
          - profiles -> airline_api

    Passes::

        designlint: 1
        system: travel
        components:
          profiles:
            kind: datastore
            data:
              - {name: passport details, personal: true}
            waive:
              personal-data-to-external: Airline DPA 2024-17 covers passport data for ticketing.
          airline_api: {kind: external}
        flows:
          - profiles -> airline_api

    Known limits: only a direct flow counts: personal data relayed through a
    component that declares no personal `data` is not followed.

    References: GDPR (Regulation (EU) 2016/679), Art. 5(1)(c) data minimisation
    and Art. 28 processors.
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
    """What it checks: an item of `data` with `personal: true` that has no
    `retention` (a duration) or no `opt_out`. `opt_out` says how a person opts
    out (text); `opt_out: false` says they cannot, which is reported too, so
    that the reason is written down as a waiver.

    Why it matters: personal data kept forever, or kept with no way for the
    person to say no, is a liability a reviewer will ask about.

    Fails::

        designlint: 1
        system: churn
        components:
          call_transcripts:
            kind: datastore
            data:
              - {name: call recordings, personal: true}

    Passes::

        designlint: 1
        system: churn
        components:
          call_transcripts:
            kind: datastore
            data:
              - {name: call recordings, personal: true, retention: 90d, opt_out: "IVR prompt: press 2 to opt out"}
              - usage aggregates

    Known limits: any duration is accepted as a retention; whether it is lawful
    for the purpose is for the reviewer.

    References: GDPR (Regulation (EU) 2016/679), Art. 5(1)(e) storage
    limitation and Art. 21 right to object.
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
