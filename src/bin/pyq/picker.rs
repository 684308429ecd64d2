//! `pyq -i`: a full-screen picker over every question and section. The
//! list filters as the user types (see `fuzzy`), the highlighted answer of
//! the selected row is previewed beside it, Enter picks, Esc cancels.
//!
//! Like fzf, the screen is drawn on the controlling terminal (`/dev/tty`),
//! so `pyq -i | less` works: only the picked answer goes to stdout.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};

use ansi_to_tui::IntoText;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Constraint, Direction, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::{Frame, Terminal};

use pyq::document::Document;
use pyq::error::{Error, Result};
use pyq::fuzzy::{Filtered, Fuzzy};
use pyq::query::Vocabulary;
use pyq::render;

/// How the picker ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// The index of the chosen document.
    Chosen(usize),
    /// Esc or Ctrl-C.
    Cancelled,
    /// Ended by this signal (SIGTERM, SIGHUP), the terminal put back.
    Signalled(u8),
}

/// Below this width the preview goes under the list rather than beside it.
const SIDE_BY_SIDE: u16 = 100;

/// Lets the user pick one of `docs`, starting with `query` typed.
pub fn pick(docs: &[Document], query: &str, vocab: &dyn Vocabulary) -> Result<Picked> {
    if docs.is_empty() {
        return Err(Error::not_found("there is nothing to pick from")
            .with_fix("try without --topic/--level/--guide"));
    }
    let tty = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| {
            Error::failure("the picker needs a terminal")
                .caused_by(e)
                .with_fix("run pyq -i in a terminal, or pipe pyq -l QUERY into fzf")
        })?;
    let signals = crate::signals::Caught::start().map_err(screen_error)?;
    let screen = Screen::open(tty).map_err(screen_error)?;
    let mut picker = Picker::new(docs, query, vocab);
    let picked = picker.run(screen.terminal, &signals).map_err(screen_error);
    drop(screen.guard);
    picked
}

fn screen_error(e: io::Error) -> Error {
    Error::failure("the terminal failed").caused_by(e)
}

/// The terminal in raw mode on the alternate screen, given back as it was
/// when dropped (also when unwinding from a panic).
struct Screen {
    terminal: Terminal<CrosstermBackend<File>>,
    guard: RawGuard,
}

struct RawGuard(File);

impl Screen {
    fn open(tty: File) -> io::Result<Screen> {
        let mut out = tty.try_clone()?;
        enable_raw_mode()?;
        let guard = RawGuard(tty);
        execute!(out, EnterAlternateScreen)?;
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        Ok(Screen { terminal, guard })
    }
}

impl Drop for RawGuard {
    fn drop(&mut self) {
        let _ = execute!(self.0, LeaveAlternateScreen, cursor::Show);
        let _ = disable_raw_mode();
        let _ = self.0.flush();
    }
}

struct Picker<'a> {
    docs: &'a [Document],
    vocab: &'a dyn Vocabulary,
    fuzzy: Fuzzy,
    query: String,
    filtered: Filtered,
    /// Position of the selected row in `filtered.order`.
    selected: usize,
    /// First row shown.
    offset: usize,
    preview_scroll: u16,
    /// The preview of (document, width), rendered once.
    preview: Option<((usize, u16), Text<'static>)>,
}

impl<'a> Picker<'a> {
    fn new(docs: &'a [Document], query: &str, vocab: &'a dyn Vocabulary) -> Picker<'a> {
        let mut picker = Picker {
            docs,
            vocab,
            fuzzy: Fuzzy::new(docs.iter().map(render::standalone_title)),
            query: query.to_string(),
            filtered: Filtered::default(),
            selected: 0,
            offset: 0,
            preview_scroll: 0,
            preview: None,
        };
        picker.refilter();
        picker
    }

    fn run(
        &mut self,
        mut terminal: Terminal<CrosstermBackend<File>>,
        signals: &crate::signals::Caught,
    ) -> io::Result<Picked> {
        loop {
            terminal.draw(|frame| self.draw(frame))?;
            let event = loop {
                if let Some(signal) = signals.received() {
                    return Ok(Picked::Signalled(signal));
                }
                if event::poll(crate::signals::POLL)? {
                    break event::read()?;
                }
            };
            let key = match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => key,
                Event::Paste(text) => {
                    self.query.push_str(&render::one_line(&text));
                    self.refilter();
                    continue;
                }
                _ => continue,
            };
            if let Some(picked) = self.key(key) {
                return Ok(picked);
            }
        }
    }

    /// Acts on a key; `Some` when the picker is done.
    fn key(&mut self, key: KeyEvent) -> Option<Picked> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let rows = self.filtered.order.len();
        match key.code {
            KeyCode::Esc => return Some(Picked::Cancelled),
            KeyCode::Char('c' | 'g' | 'q') if ctrl => return Some(Picked::Cancelled),
            KeyCode::Enter => {
                if let Some(&i) = self.filtered.order.get(self.selected) {
                    return Some(Picked::Chosen(i));
                }
            }
            KeyCode::Up => self.select(self.selected.saturating_sub(1)),
            KeyCode::Char('p' | 'k') if ctrl => self.select(self.selected.saturating_sub(1)),
            KeyCode::Down => self.select(self.selected + 1),
            KeyCode::Char('n' | 'j') if ctrl => self.select(self.selected + 1),
            KeyCode::Home => self.select(0),
            KeyCode::End => self.select(rows.saturating_sub(1)),
            KeyCode::PageDown => self.preview_scroll = self.preview_scroll.saturating_add(10),
            KeyCode::PageUp => self.preview_scroll = self.preview_scroll.saturating_sub(10),
            KeyCode::Char('d') if ctrl => {
                self.preview_scroll = self.preview_scroll.saturating_add(10)
            }
            KeyCode::Char('u') if ctrl => {
                self.query.clear();
                self.refilter();
            }
            KeyCode::Char('w') if ctrl => {
                let kept = self.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.query.truncate(kept);
                self.refilter();
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.refilter();
            }
            KeyCode::Char(c) if !ctrl => {
                // what the terminal would act on is not typed text
                self.query
                    .push_str(&render::one_line(c.encode_utf8(&mut [0; 4])));
                self.refilter();
            }
            _ => {}
        }
        None
    }

    fn select(&mut self, row: usize) {
        let last = self.filtered.order.len().saturating_sub(1);
        let row = row.min(last);
        if row != self.selected {
            self.selected = row;
            self.preview_scroll = 0;
        }
    }

    fn refilter(&mut self) {
        self.filtered = self.fuzzy.filter(&self.query, self.vocab);
        self.selected = 0;
        self.offset = 0;
        self.preview_scroll = 0;
    }

    fn draw(&mut self, frame: &mut Frame) {
        let [prompt, main, help] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        self.draw_prompt(frame, prompt);
        let direction = if main.width >= SIDE_BY_SIDE {
            Direction::Horizontal
        } else {
            Direction::Vertical
        };
        let [list, preview] = Layout::default()
            .direction(direction)
            .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(main);
        self.draw_list(frame, list);
        self.draw_preview(frame, preview);
        frame.render_widget(
            Paragraph::new(
                "↑/↓ move · Enter print the answer · PgUp/PgDn scroll the answer · Ctrl-U clear · Esc quit",
            )
            .style(Style::new().add_modifier(Modifier::DIM)),
            help,
        );
    }

    fn draw_prompt(&self, frame: &mut Frame, area: Rect) {
        let count = format!(" {}/{}", self.filtered.order.len(), self.fuzzy.len());
        let mut spans = vec![
            Span::styled("pyq> ", Style::new().fg(Color::Cyan).bold()),
            Span::raw(self.query.clone()),
        ];
        let cursor_x =
            area.x + 5 + unicode_width::UnicodeWidthStr::width(self.query.as_str()) as u16;
        spans.push(Span::styled(
            count,
            Style::new().add_modifier(Modifier::DIM),
        ));
        if let Some(corrected) = &self.filtered.corrected {
            spans.push(Span::styled(
                format!("  (also: {corrected})"),
                Style::new().fg(Color::Yellow),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        frame.set_cursor_position(Position::new(
            cursor_x.min(area.right().saturating_sub(1)),
            area.y,
        ));
    }

    fn draw_list(&mut self, frame: &mut Frame, area: Rect) {
        let block = Block::new()
            .borders(Borders::TOP | Borders::RIGHT)
            .title(" questions and sections ");
        let height = block.inner(area).height as usize;
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let visible = self.filtered.order.iter().skip(self.offset).take(height);
        let items: Vec<ListItem> = visible
            .map(|&i| ListItem::new(row_line(&self.docs[i], &self.fuzzy.positions(i))))
            .collect();
        let mut state = ListState::default()
            .with_selected((!self.filtered.order.is_empty()).then(|| self.selected - self.offset));
        let list = List::new(items)
            .block(block)
            .highlight_symbol("▌")
            .highlight_style(Style::new().bg(Color::Indexed(237)));
        frame.render_stateful_widget(list, area, &mut state);
        if self.filtered.order.is_empty() {
            let inner = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            frame.render_widget(
                Paragraph::new("  nothing matches; Backspace or Ctrl-U to widen")
                    .style(Style::new().add_modifier(Modifier::DIM)),
                inner,
            );
        }
    }

    fn draw_preview(&mut self, frame: &mut Frame, area: Rect) {
        let block = Block::new().borders(Borders::TOP).title(" answer ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(&doc) = self.filtered.order.get(self.selected) else {
            return;
        };
        let width = inner.width.saturating_sub(1).max(20);
        let key = (doc, width);
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            self.preview = Some((key, preview(&self.docs[doc], width)));
        }
        if let Some((_, text)) = &self.preview {
            let lines = text.lines.len() as u16;
            self.preview_scroll = self
                .preview_scroll
                .min(lines.saturating_sub(inner.height / 2));
            frame.render_widget(
                Paragraph::new(text.clone())
                    .wrap(Wrap { trim: false })
                    .scroll((self.preview_scroll, 0)),
                Rect {
                    x: inner.x + 1,
                    width: inner.width.saturating_sub(1),
                    ..inner
                },
            );
        }
    }
}

/// A row of the list: the title with matched characters marked, then the
/// topic, difficulty and guide, dimmed.
fn row_line(doc: &Document, marks: &[usize]) -> Line<'static> {
    let title = render::standalone_title(doc);
    let mark = Style::new().fg(Color::Yellow).bold();
    // runs of characters that are all marked or all not
    let mut spans: Vec<Span> = Vec::new();
    for (i, c) in title.chars().enumerate() {
        let style = if marks.binary_search(&i).is_ok() {
            mark
        } else {
            Style::new()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    let guide = render::one_line(doc.guide.trim_end_matches(".md"));
    spans.push(Span::styled(
        format!(
            "  {} · {} · {guide}",
            render::one_line(&doc.topic),
            doc.difficulty.as_str()
        ),
        Style::new().add_modifier(Modifier::DIM),
    ));
    Line::from(spans)
}

/// The answer as `pyq --show` draws it on a terminal, as ratatui text.
fn preview(doc: &Document, width: u16) -> Text<'static> {
    let mut out = Vec::new();
    let style = render::Style {
        styled: true,
        color: true,
        width: width as usize,
    };
    if render::document(&mut out, doc, style).is_err() {
        return Text::raw("(this answer cannot be shown)");
    }
    out.into_text()
        .unwrap_or_else(|_| Text::raw(String::from_utf8_lossy(&out).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyq::document::{Difficulty, Kind};

    #[test]
    fn a_row_marks_the_matched_characters_and_shows_the_facets() {
        let doc = Document {
            id: "g/what-is-the-gil".into(),
            guide: "g.md".into(),
            title: "What is the GIL?".into(),
            path: vec![],
            kind: Kind::Question,
            level: 2,
            line: 1,
            body: "A lock.".into(),
            body_is_subsections: false,
            topic: "concurrency".into(),
            difficulty: Difficulty::Advanced,
        };
        let line = row_line(&doc, &[12, 13, 14]);
        let parts: Vec<(&str, bool)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style.fg == Some(Color::Yellow)))
            .collect();
        assert_eq!(
            parts,
            [
                ("What is the ", false),
                ("GIL", true),
                ("?", false),
                ("  concurrency · advanced · g", false)
            ]
        );
    }
}
