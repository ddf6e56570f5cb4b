//! HTML text: escaping of everything that comes from the contracts, and the page frame.

use std::fmt::Write as _;

/// Escapes text for HTML element content and double- or single-quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become character references, so no contract text can open
/// a tag, end an attribute or start an entity.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string literal (with its quotes) holding `text`: quotes, backslashes, `<`, `&`
/// and control characters as CSS escapes, so it is safe inside a `<style>` element too.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The CSS file every page links to, relative to the site root.
pub const STYLESHEET: &str = "catalog.css";

/// A complete page: `root` is the relative path from the page to the site root (`""` or
/// `"../"`), `title` plain text (escaped here), `body` finished HTML.
pub fn page(root: &str, title: &str, body: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"{root}{STYLESHEET}\">\n</head>\n<body>\n\
         <header class=\"top\"><a href=\"{root}index.html\">Event catalog</a></header>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    );
    out
}

/// A status badge (`active`, `deprecated`, `retired`).
pub fn badge(status: &str) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", escape(status))
}

/// A link with escaped target and text.
pub fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(href), escape(text))
}

/// Inline code.
pub fn code(text: &str) -> String {
    format!("<code>{}</code>", escape(text))
}

/// The stylesheet: one file, no fonts or images fetched, so pages work from `file://`.
pub const CSS: &str = r#"*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f6f7f9}
header.top{background:#1d2330;padding:10px 24px}header.top a{color:#fff;font-weight:600;text-decoration:none}
main{max-width:1360px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
a{color:#2456b3}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{background:#eceff4;padding:1px 4px;border-radius:3px}
pre{background:#fff;border:1px solid #d8dce3;border-radius:4px;padding:10px;overflow:auto;max-height:480px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
th,td{border:1px solid #d8dce3;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eceff4;font-weight:600}
tr.current td{background:#fff8e1}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff}
.badge.active{background:#2e8b57}.badge.deprecated{background:#d48a00}.badge.retired{background:#8a8f99}
.impact-BREAKING{color:#b3261e;font-weight:600}.impact-warning{color:#b06f00}.impact-compatible{color:#3a6b35}
.meta{color:#555d6b}.summary{display:flex;gap:24px;flex-wrap:wrap;margin:6px 0 12px}.summary div{background:#fff;border:1px solid #d8dce3;border-radius:4px;padding:6px 12px}
.graph{background:#fff;border:1px solid #d8dce3;border-radius:4px;overflow:auto}
.graph text{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:#1d2330}
.graph .edge{fill:none;stroke-width:1.2;opacity:.55}.graph .edge.consumes{stroke:#9aa3b2;stroke-dasharray:4 3}
.graph .node rect{stroke:#1d2330;stroke-width:.8}.graph .node.event rect{fill:#e9f3ec}.graph .node.event.deprecated rect{fill:#fdf0d5}.graph .node.event.retired rect{fill:#e4e6ea}
.graph .node.domain text{font-weight:700}.graph .node:hover rect{stroke-width:2.4}
.legend{font-size:12px;color:#555d6b;margin:4px 0}
.desc{white-space:pre-wrap}
td.dirs code{display:inline-block;white-space:nowrap;margin:1px 0}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_ampersands() {
        assert_eq!(escape("<script>alert('x')</script> & \"q\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assert_eq!(escape("&amp;"), "&amp;amp;", "an existing entity is text, escaped again");
        assert_eq!(escape("plain text é"), "plain text é");
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("sales"), "\"sales\"");
        assert_eq!(css_string("a\"b</style>&\\\n"), "\"a\\22 b\\3c /style\\3e \\26 \\5c \\a \"");
    }

    #[test]
    fn page_title_and_links_are_escaped() {
        let page = page("../", "a<b>&c", "");
        assert!(page.contains("<title>a&lt;b&gt;&amp;c</title>"));
        assert_eq!(link("x.html?a=1&b=\"2\"", "<i>"), "<a href=\"x.html?a=1&amp;b=&quot;2&quot;\">&lt;i&gt;</a>");
    }
}
