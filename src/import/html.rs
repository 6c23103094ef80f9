//! An HTML page into the lines the text path reads. html5ever (through `scraper`'s tree)
//! parses the page as a browser does, tables, `<font>`, unclosed tags and entities included;
//! block elements and `<br>` end lines, runs of whitespace are one space (a `&nbsp;` stays a
//! no-break space, as in the page's text), scripts, styles and images are left out, and each
//! `<a href>` is kept as a link on the line it sits on. Each line carries the number of the
//! file line its text starts on, so reports point into the HTML.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink, Node};

use super::lines::{Line, Link, trim};

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// scraper's tree sink, noting the file line each element and text node starts on.
struct Lined {
    inner: HtmlTreeSink,
    line: Cell<u64>,
    lines: RefCell<HashMap<Handle, u64>>,
}

impl Lined {
    fn note(&self, node: Option<Handle>) {
        if let Some(n) = node {
            self.lines.borrow_mut().entry(n).or_insert(self.line.get());
        }
    }

    fn last_child(&self, parent: &Handle) -> Option<Handle> {
        let html = self.inner.0.borrow();
        html.tree.get(*parent)?.last_child().map(|c| c.id())
    }

    fn prev_sibling(&self, node: &Handle) -> Option<Handle> {
        let html = self.inner.0.borrow();
        html.tree.get(*node)?.prev_sibling().map(|c| c.id())
    }

    fn has_parent(&self, node: &Handle) -> bool {
        let html = self.inner.0.borrow();
        html.tree.get(*node).is_some_and(|n| n.parent().is_some())
    }
}

impl TreeSink for Lined {
    type Output = (Html, HashMap<Handle, u64>);
    type Handle = Handle;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Self::Output {
        (self.inner.finish(), self.lines.into_inner())
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }
    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let h = self.inner.create_element(name, attrs, flags);
        self.note(Some(h));
        h
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.inner.append(parent, child);
        self.note(self.last_child(parent));
    }
    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if self.has_parent(element) {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }
    fn append_doctype_to_document(&self, name: StrTendril, public: StrTendril, system: StrTendril) {
        self.inner.append_doctype_to_document(name, public, system);
    }
    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node);
    }
    fn pop(&self, node: &Handle) {
        self.inner.pop(node);
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }
    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.inner.append_before_sibling(sibling, new_node);
        self.note(self.prev_sibling(sibling));
    }
    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent);
    }
    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number);
    }
}

/// Elements whose content is never part of the page's text.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "img", "svg", "title",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The lines being built.
#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    text: String,
    number: Option<u64>,
    links: Vec<Link>,
    space: bool,
    /// An open link: where its text starts in `text`, and its address.
    open: Option<(usize, String)>,
}

impl Builder {
    fn push_text(&mut self, s: &str, line: u64) {
        for c in s.chars() {
            // HTML's whitespace collapses; a no-break space is a character like any other.
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            if self.number.is_none() {
                self.number = Some(line);
            }
            self.text.push(c);
        }
    }

    fn close_link(&mut self) {
        if let Some((start, href)) = self.open.take() {
            let text = trim(self.text.get(start..).unwrap_or_default()).to_string();
            if !href.is_empty() && (!text.is_empty() || !self.text.is_empty()) {
                self.links.push(Link { text, href });
            }
        }
    }

    fn flush(&mut self) {
        let open = self.open.as_ref().map(|(_, href)| href.clone());
        self.close_link();
        let text = trim(&self.text).to_string();
        if !text.is_empty() {
            self.lines.push(Line {
                number: self.number.unwrap_or(1) as usize,
                text,
                links: std::mem::take(&mut self.links),
            });
        }
        self.links.clear();
        self.text.clear();
        self.number = None;
        self.space = false;
        // A link that spans lines goes on with the next one.
        self.open = open.map(|href| (0, href));
    }
}

fn walk(
    node: ego_tree::NodeRef<'_, Node>,
    lines: &HashMap<Handle, u64>,
    b: &mut Builder,
    line: u64,
) {
    let line = lines.get(&node.id()).copied().unwrap_or(line);
    match node.value() {
        Node::Text(t) => b.push_text(t, line),
        Node::Element(e) => {
            let name = e.name();
            if HIDDEN.contains(&name) {
                return;
            }
            if name == "br" {
                b.flush();
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                b.flush();
            }
            let link = (name == "a")
                .then(|| e.attr("href").map(|h| h.trim().to_string()))
                .flatten();
            if let Some(href) = link {
                b.close_link();
                if b.space && !b.text.is_empty() {
                    b.text.push(' ');
                    b.space = false;
                }
                b.open = Some((b.text.len(), href));
            }
            for child in node.children() {
                walk(child, lines, b, line);
            }
            if name == "a" {
                b.close_link();
            }
            if block {
                b.flush();
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, lines, b, line);
            }
        }
        _ => {}
    }
}

/// The lines of an HTML page.
pub fn lines(text: &str) -> Vec<Line> {
    let sink = Lined {
        inner: HtmlTreeSink::new(Html::new_document()),
        line: Cell::new(1),
        lines: RefCell::new(HashMap::new()),
    };
    let (html, numbers) = html5ever::parse_document(sink, Default::default()).one(text);
    let mut b = Builder::default();
    walk(html.tree.root(), &numbers, &mut b, 1);
    b.flush();
    b.lines
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (the rest of its upper half is Latin-1's);
/// where it has none, the C1 control of that number.
#[rustfmt::skip]
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// A page that is not UTF-8, read in the single-byte charset its `<meta>` declares
/// (Windows-1252, or Latin-1 and ASCII, which browsers read as Windows-1252).
pub fn decode_declared(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let name: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let single_byte = matches!(
        name.as_str(),
        "windows-1252" | "cp1252" | "iso-8859-1" | "latin1" | "iso8859-1" | "us-ascii" | "ascii"
    );
    single_byte.then(|| {
        bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9f => CP1252[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(usize, String, Vec<String>)> {
        lines(html)
            .into_iter()
            .map(|l| {
                (
                    l.number,
                    l.text,
                    l.links.into_iter().map(|k| k.href).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn blocks_breaks_entities_and_links() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\n<p><b><a href=\"http://x.org/r.pdf\">Report</a></b> [PDF]<br>\nOrg,&nbsp; 2019</p>\n<table><tr><td><font size=2>Cell &amp; more</font></td></tr></table>\n<p>accessible [<a href='https://web.archive.org/x'>here</a>]\n<img alt='Description: Kenya' src=k.png></p></body></html>";
        assert_eq!(
            texts(html),
            [
                (2, "Report [PDF]".into(), vec!["http://x.org/r.pdf".into()]),
                (3, "Org,\u{a0} 2019".into(), vec![]),
                (4, "Cell & more".into(), vec![]),
                (
                    5,
                    "accessible [here]".into(),
                    vec!["https://web.archive.org/x".into()]
                ),
            ]
        );
    }

    #[test]
    fn windows_1252_when_declared() {
        let bytes = b"<meta charset=windows-1252><p>Labor\x92s \x93x\x94 caf\xe9";
        let s = decode_declared(bytes).unwrap();
        assert!(s.ends_with("Labor’s “x” café"), "{s}");
        assert!(decode_declared(b"<meta charset=shift_jis>\x92").is_none());
    }
}
