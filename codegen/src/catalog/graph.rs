//! The producer → event → consumer graph as inline SVG, with a deterministic layered
//! layout: event types in a middle column grouped by producer, domains split between a
//! left and a right column, each placed near the events it touches.

use std::fmt::Write as _;

use super::data::{latest, status_name, version_page, Domain};
use super::html::{css_string, escape};
use crate::model::EventModel;

const ROW: f64 = 22.0;
const TOP: f64 = 34.0;
const EVENT_X: f64 = 470.0;
const EVENT_W: f64 = 360.0;
const DOMAIN_W: f64 = 190.0;
const DOMAIN_H: f64 = 30.0;
const LEFT_X: f64 = 20.0;
const RIGHT_X: f64 = 1090.0;
const WIDTH: f64 = 1300.0;

/// Colours of the domains' produce edges, by domain index (cycled).
const PALETTE: &[&str] = &["#2456b3", "#2e8b57", "#b3261e", "#7b3fb3", "#d48a00", "#00838f", "#ad1457", "#5d6b00"];

/// Where a domain sits.
struct Placed<'a> {
    domain: &'a Domain,
    left: bool,
    y: f64,
    colour: &'static str,
}

/// The SVG of the graph; `root` is the relative path from the page to the site root.
pub fn svg(domains: &[Domain], events: &[EventModel], root: &str) -> String {
    let order = event_order(domains, events);
    let row_of = |name: &str| order.iter().position(|e| e.name == name);
    let event_y = |i: usize| TOP + ROW * i as f64;
    let placed = place_domains(domains, &order);
    let height = (TOP + ROW * order.len() as f64).max(placed.iter().map(|p| p.y + DOMAIN_H).fold(0.0, f64::max)) + 20.0;

    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"graph\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"producer, event and consumer graph\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#6b7280\"/></marker></defs>\n\
         <text x=\"{LEFT_X}\" y=\"18\">domains</text><text x=\"{EVENT_X}\" y=\"18\">event types (grouped by producer)</text><text x=\"{RIGHT_X}\" y=\"18\">domains</text>\n"
    );
    // Edges first, so nodes are drawn over them.
    out.push_str("<g class=\"edges\">\n");
    for p in &placed {
        let (dx, ex) = if p.left { (LEFT_X + DOMAIN_W, EVENT_X) } else { (RIGHT_X, EVENT_X + EVENT_W) };
        let dy = p.y + DOMAIN_H / 2.0;
        for name in &p.domain.produces {
            let Some(i) = row_of(name) else { continue };
            let ey = event_y(i) + ROW / 2.0 - 2.0;
            let _ = writeln!(
                out,
                "<path class=\"edge produces\" data-from=\"{}\" data-to=\"{}\" stroke=\"{}\" marker-end=\"url(#arrow)\" d=\"{}\"/>",
                escape(&p.domain.name),
                escape(name),
                p.colour,
                curve(dx, dy, ex, ey)
            );
        }
        for name in &p.domain.consumes {
            let Some(i) = row_of(name) else { continue };
            let ey = event_y(i) + ROW / 2.0 + 2.0;
            let _ = writeln!(
                out,
                "<path class=\"edge consumes\" data-from=\"{}\" data-to=\"{}\" marker-end=\"url(#arrow)\" d=\"{}\"/>",
                escape(name),
                escape(&p.domain.name),
                curve(ex, ey, dx, dy)
            );
        }
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, event) in order.iter().enumerate() {
        let y = event_y(i) + 2.0;
        let status = latest(event).map_or("active", |v| status_name(v.status));
        let href = latest(event).map_or_else(|| "index.html".to_owned(), |v| version_page(&event.name, v.version));
        let _ = writeln!(
            out,
            "<g class=\"node event {status}\" data-kind=\"event\" data-name=\"{name}\"><a href=\"{root}{href}\"><title>{name} ({status}), produced by {producer}</title>\
             <rect x=\"{EVENT_X}\" y=\"{y}\" width=\"{EVENT_W}\" height=\"{h}\" rx=\"4\"/><text x=\"{tx}\" y=\"{ty}\">{name}</text></a></g>",
            name = escape(&event.name),
            producer = escape(&event.producer),
            href = escape(&href),
            h = ROW - 4.0,
            tx = EVENT_X + 8.0,
            ty = y + ROW - 9.0,
        );
    }
    for p in &placed {
        let x = if p.left { LEFT_X } else { RIGHT_X };
        let _ = writeln!(
            out,
            "<g class=\"node domain\" data-kind=\"domain\" data-name=\"{name}\"><a href=\"{root}index.html#domain-{name}\"><title>{name}: produces {np}, consumes {nc}</title>\
             <rect x=\"{x}\" y=\"{y}\" width=\"{DOMAIN_W}\" height=\"{DOMAIN_H}\" rx=\"6\" fill=\"#fff\" stroke-width=\"2\" style=\"stroke:{colour}\"/>\
             <text x=\"{tx}\" y=\"{ty}\">{name}</text></a></g>",
            name = escape(&p.domain.name),
            np = p.domain.produces.len(),
            nc = p.domain.consumes.len(),
            y = p.y,
            colour = p.colour,
            tx = x + 10.0,
            ty = p.y + 20.0,
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// CSS that, while the pointer is on a node, fades every edge but that node's own. One
/// rule per node: CSS cannot compare two attributes, so each name is written out.
pub fn hover_css(domains: &[Domain], events: &[EventModel]) -> String {
    let mut out = String::from("#graph:has(.node:hover) .edge{opacity:.07}\n");
    let names = domains.iter().map(|d| d.name.as_str()).chain(events.iter().map(|e| e.name.as_str()));
    for name in names.collect::<std::collections::BTreeSet<_>>() {
        let q = css_string(name);
        let _ = writeln!(
            out,
            "#graph:has(.node[data-name={q}]:hover) .edge[data-from={q}],#graph:has(.node[data-name={q}]:hover) .edge[data-to={q}]{{opacity:1;stroke-width:2}}"
        );
    }
    out
}

/// Events grouped by producer (domains in name order), then by name.
fn event_order<'a>(domains: &[Domain], events: &'a [EventModel]) -> Vec<&'a EventModel> {
    let rank = |producer: &str| domains.iter().position(|d| d.name == producer).unwrap_or(usize::MAX);
    let mut order: Vec<&EventModel> = events.iter().collect();
    order.sort_by(|a, b| (rank(&a.producer), &a.name).cmp(&(rank(&b.producer), &b.name)));
    order
}

/// Each domain near the middle of the events it produces (or else consumes); domains
/// alternate between the columns in that order, and are pushed apart so none overlap.
fn place_domains<'a>(domains: &'a [Domain], order: &[&EventModel]) -> Vec<Placed<'a>> {
    let centre = |d: &Domain| {
        let rows: Vec<usize> = d
            .produces
            .iter()
            .chain(if d.produces.is_empty() { d.consumes.iter() } else { [].iter() })
            .filter_map(|n| order.iter().position(|e| &e.name == n))
            .collect();
        if rows.is_empty() {
            0.0
        } else {
            TOP + ROW * (rows.iter().sum::<usize>() as f64 / rows.len() as f64) - DOMAIN_H / 2.0 + ROW / 2.0
        }
    };
    let mut wanted: Vec<(f64, usize)> = domains.iter().enumerate().map(|(i, d)| (centre(d), i)).collect();
    wanted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut placed: Vec<Placed<'a>> = Vec::new();
    let mut bottom = [TOP - 100.0, TOP - 100.0];
    for (k, (y, i)) in wanted.into_iter().enumerate() {
        let column = k % 2;
        let y = y.max(bottom[column] + DOMAIN_H + 14.0).max(TOP);
        bottom[column] = y;
        placed.push(Placed { domain: &domains[i], left: column == 0, y, colour: PALETTE[i % PALETTE.len()] });
    }
    placed
}

/// A horizontal cubic Bézier from one point to another.
fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let mid = (x1 + x2) / 2.0;
    format!("M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(name: &str, produces: &[&str], consumes: &[&str]) -> Domain {
        Domain {
            name: name.into(),
            produces: produces.iter().map(|s| s.to_string()).collect(),
            consumes: consumes.iter().map(|s| s.to_string()).collect(),
            contract_dirs: Vec::new(),
        }
    }

    fn event(name: &str, producer: &str, consumers: &[&str]) -> EventModel {
        EventModel {
            name: name.into(),
            producer: producer.into(),
            consumers: consumers.iter().map(|s| s.to_string()).collect(),
            owning_contract: None,
            versions: Vec::new(),
        }
    }

    #[test]
    fn one_node_per_domain_and_event_one_edge_per_relation() {
        let domains = [domain("a", &["x.one", "x.two"], &[]), domain("b<&>", &[], &["x.one"]), domain("c", &[], &["x.one", "x.two"])];
        let events = [event("x.one", "a", &["b<&>", "c"]), event("x.two", "a", &["c"])];
        let svg = svg(&domains, &events, "");
        assert_eq!(svg.matches("data-kind=\"domain\"").count(), 3);
        assert_eq!(svg.matches("data-kind=\"event\"").count(), 2);
        assert_eq!(svg.matches("class=\"edge produces\"").count(), 2);
        assert_eq!(svg.matches("class=\"edge consumes\"").count(), 3);
        assert!(svg.contains("data-name=\"b&lt;&amp;&gt;\"") && !svg.contains("b<&>"));
    }
}
