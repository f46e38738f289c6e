//! The side panels: the scenario picker, the source and the event log. Each
//! is a struct with its own state and a `ui` function that returns what the
//! user asked for as an [`Action`] (egui_demo_lib's style).

use egui::{Color32, RichText, ScrollArea, TextStyle, Ui};

use crate::layout::Theme;
use crate::scenarios::{self, Section};
use crate::trace::EventKind;

use super::document::Document;
use super::state::{self, EventFilter};
use super::timeline::task_color;

/// What a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a built-in scenario.
    OpenScenario(&'static str),
    /// Move the cursor to an event.
    SetCursor(u32),
}

/// The scenario picker: scenarios grouped by chapter and section, with a filter box.
#[derive(Debug, Default)]
pub struct Picker {
    /// The filter text.
    pub filter: String,
}

impl Picker {
    /// Shows the picker; `current` is the open scenario's id.
    pub fn ui(&mut self, ui: &mut Ui, current: Option<&str>) -> Option<Action> {
        let mut action = None;
        ui.add_space(4.0);
        ui.heading("Scenarios");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text("filter: id, title or section")
                .desired_width(f32::INFINITY),
        );
        ui.add_space(4.0);
        ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let mut sections: Vec<Section> = scenarios::all().iter().map(|s| s.section).collect();
            sections.sort();
            sections.dedup();
            let mut chapter = None;
            for section in sections {
                let matching: Vec<_> = scenarios::all()
                    .iter()
                    .filter(|s| s.section == section)
                    .filter(|s| state::picker_matches(&self.filter, s.id, s.title, section.title()))
                    .collect();
                if matching.is_empty() {
                    continue;
                }
                if chapter != Some(section.chapter()) {
                    chapter = Some(section.chapter());
                    ui.add_space(4.0);
                    ui.label(RichText::new(format!("Chapter {}", section.chapter())).weak().small());
                }
                egui::CollapsingHeader::new(RichText::new(section.title()).strong())
                    .id_salt(("section", section.title()))
                    .default_open(true)
                    .open((!self.filter.is_empty()).then_some(true))
                    .show(ui, |ui| {
                        for s in matching {
                            let selected = current == Some(s.id);
                            let r = ui
                                .selectable_label(selected, RichText::new(s.title).strong())
                                .on_hover_text(format!("{}\n\n{}", s.id, s.explanation));
                            if r.clicked() {
                                action = Some(Action::OpenScenario(s.id));
                            }
                            ui.add(
                                egui::Label::new(RichText::new(state::first_sentence(s.explanation)).small().weak())
                                    .truncate(),
                            );
                            ui.add_space(2.0);
                        }
                    });
            }
        });
        action
    }
}

/// The source panel: the program, with the lines where live tasks stand
/// highlighted in their rows' colours.
#[derive(Debug, Default)]
pub struct SourcePanel {
    last_cursor: Option<u32>,
    live: state::LiveIndex,
    /// The log and file the index is for (its events' address and length, the file).
    live_for: (usize, usize, String),
    /// The file picked in the file switcher; `None`: the file the cursor's event stands in.
    pinned: Option<String>,
}

impl SourcePanel {
    /// Shows the source of `doc` at `cursor`.
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, cursor: u32, theme: Theme) {
        let pinned = self.pinned.as_deref().and_then(|f| doc.sources().find(|s| s.file == f));
        let Some(src) = pinned.or_else(|| doc.source_at(cursor)) else {
            ui.weak("No source for this log.");
            return;
        };
        ui.horizontal(|ui| {
            ui.strong("Source");
            if doc.modules.is_empty() {
                ui.weak(&src.file);
                return;
            }
            // A program of several files: one tab per file, and "follow" (the cursor's file).
            if ui
                .selectable_label(self.pinned.is_none(), "follow")
                .on_hover_text("show the file where the selected event stands")
                .clicked()
            {
                self.pinned = None;
            }
            for s in doc.sources() {
                if ui.selectable_label(s.file == src.file, &s.file).clicked() {
                    self.pinned = Some(s.file.clone());
                }
            }
        });
        let key = (doc.log.events.as_ptr() as usize, doc.log.events.len(), src.file.clone());
        if self.live_for != key {
            self.live = state::LiveIndex::default();
            self.live_for = key;
        }
        let tl = &doc.timeline;
        self.live.update(
            &doc.lines,
            &src.file,
            cursor,
            |s| doc.log.events.get(s as usize).map_or(crate::trace::NONE, |e| e.task),
            |t| tl.state_at(t, cursor).is_some_and(|s| s.state.is_waiting()),
        );
        let live = &self.live;
        let current_line = doc.line_in(cursor, src);
        let scroll = self.last_cursor != Some(cursor);
        self.last_cursor = Some(cursor);
        let mono = TextStyle::Monospace.resolve(ui.style());
        ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            for (i, text) in src.text.lines().enumerate() {
                let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let count = live.count_on_line(line);
                let here: Vec<&state::LiveLine> = live.on_line(line).take(4).collect();
                let is_current = current_line == Some(line);
                let r = ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 6.0;
                    ui.label(RichText::new(format!("{line:>3}")).font(mono.clone()).weak());
                    let mut rich = RichText::new(text).font(mono.clone());
                    if is_current {
                        rich = rich.strong();
                    }
                    ui.label(rich)
                });
                let rect = r.response.rect.expand2(egui::vec2(2.0, 0.0));
                // Scroll vertically only: the line's start stays in view.
                let scroll_rect = egui::Rect::from_min_max(rect.min, egui::pos2(rect.left() + 1.0, rect.bottom()));
                if let Some(first) = here.first() {
                    let row = doc.row_of(first.task).unwrap_or(0);
                    let col = task_color(row, theme);
                    ui.painter().rect_filled(rect, 2.0, col.gamma_multiply(0.18));
                    ui.painter().rect_filled(
                        egui::Rect::from_min_size(rect.min, egui::vec2(3.0, rect.height())),
                        0.0,
                        col,
                    );
                    if scroll && here.iter().any(|l| Some(l.line) == current_line) {
                        ui.scroll_to_rect(scroll_rect, Some(egui::Align::Center));
                    }
                } else if is_current {
                    ui.painter().rect_stroke(
                        rect,
                        2.0,
                        egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
                        egui::StrokeKind::Inside,
                    );
                }
                if scroll && is_current && here.is_empty() {
                    ui.scroll_to_rect(scroll_rect, Some(egui::Align::Center));
                }
                // Who stands here, at the panel's visible right edge (long lines do not hide it):
                // a few names, then a count, as thousands of tasks may wait on one line.
                if !here.is_empty() {
                    let font = TextStyle::Small.resolve(ui.style());
                    let mut tags: Vec<(String, Color32)> = here
                        .iter()
                        .map(|l| {
                            let col = task_color(doc.row_of(l.task).unwrap_or(0), theme);
                            let verb = if l.suspended { "waits" } else { "runs" };
                            (format!("◀ {} {verb}", doc.log.task_name(l.task)), col)
                        })
                        .collect();
                    if count > here.len() {
                        tags.push((format!("+{} more", count - here.len()), ui.visuals().weak_text_color()));
                    }
                    let mut x = ui.clip_rect().right() - 14.0;
                    for (text, col) in tags.into_iter().rev() {
                        let galley = ui.painter().layout_no_wrap(text, font.clone(), col);
                        let size = galley.size();
                        let pos = egui::pos2(x - size.x, rect.center().y - size.y / 2.0);
                        let bg = egui::Rect::from_min_size(pos, size).expand(2.0);
                        ui.painter().rect_filled(bg, 3.0, ui.visuals().panel_fill);
                        ui.painter().rect_stroke(bg, 3.0, egui::Stroke::new(1.0, col), egui::StrokeKind::Inside);
                        ui.painter().galley(pos, galley, col);
                        x -= size.x + 8.0;
                    }
                }
            }
        });
    }
}

/// The event log: one row per event (time, task, event, detail), with the
/// cursor's row highlighted; filters by task and by kind; `show_rows` keeps
/// it smooth at any length.
#[derive(Debug, Default)]
pub struct EventLogPanel {
    /// The filter.
    pub filter: EventFilter,
    rows: Vec<u32>,
    rows_for: Option<(usize, EventFilter)>,
    last_cursor: Option<u32>,
}

/// Height of an event-log row.
const ROW_HEIGHT: f32 = 18.0;

impl EventLogPanel {
    /// The shown events' sequence numbers (after [`Self::refresh`]).
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }

    /// Recomputes the rows if the log or the filter changed.
    pub fn refresh(&mut self, doc: &Document) {
        let key = (doc.log.events.len(), self.filter.clone());
        if self.rows_for.as_ref() != Some(&key) {
            self.rows = self.filter.rows(&doc.log);
            self.rows_for = Some(key);
        }
    }

    /// Forgets the rows (a new log).
    pub fn reset(&mut self) {
        self.filter = EventFilter::default();
        self.rows_for = None;
        self.last_cursor = None;
    }

    /// The highlighted row's event at `cursor`.
    pub fn highlighted(&self, cursor: u32) -> Option<u32> {
        state::highlighted_row(&self.rows, cursor).map(|i| self.rows[i])
    }

    /// Shows the log.
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, cursor: u32, theme: Theme) -> Option<Action> {
        self.refresh(doc);
        let mut action = None;
        ui.horizontal(|ui| {
            ui.strong("Event log");
            ui.weak(format!("{} of {} events", self.rows.len(), doc.log.events.len()));
            ui.separator();
            let name = |t: Option<u32>| t.map_or_else(|| "all tasks".to_owned(), |t| doc.log.task_name(t).to_owned());
            egui::ComboBox::from_id_salt("task_filter")
                .selected_text(name(self.filter.task))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.task, None, "all tasks");
                    for (i, _) in doc.log.tasks.iter().enumerate().take(2000) {
                        let t = u32::try_from(i).unwrap_or(0);
                        ui.selectable_value(&mut self.filter.task, Some(t), doc.log.task_name(t));
                    }
                })
                .response
                .accessible_name("filter by task");
            ui.menu_button("kinds", |ui| {
                for kind in EventKind::ALL {
                    let mut shown = !self.filter.hidden_kinds.contains(kind.name());
                    if ui.checkbox(&mut shown, kind.name()).changed() {
                        self.filter.set_kind(kind, shown);
                    }
                }
                if ui.button("show all").clicked() {
                    self.filter.hidden_kinds.clear();
                }
            });
            if !self.filter.is_empty() && ui.button("clear filter").clicked() {
                self.filter = EventFilter::default();
            }
        });
        self.refresh(doc);
        let highlighted = state::highlighted_row(&self.rows, cursor);
        let mut area = ScrollArea::vertical().auto_shrink([false, false]);
        if self.last_cursor != Some(cursor) {
            if let Some(i) = highlighted {
                let spacing = ui.spacing().item_spacing.y;
                let y = i as f32 * (ROW_HEIGHT + spacing);
                let view = ui.available_height().max(ROW_HEIGHT * 3.0);
                area = area.vertical_scroll_offset((y - view / 2.0).max(0.0));
            }
            self.last_cursor = Some(cursor);
        }
        let mono = TextStyle::Monospace.resolve(ui.style());
        area.show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, range| {
            for i in range {
                let seq = self.rows[i];
                let Some(ev) = doc.event(seq) else { continue };
                let is_cursor = highlighted == Some(i);
                let future = seq > cursor;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), egui::Sense::hover());
                let response = ui.interact(rect, ui.scope_id().with(("event_row", seq)), egui::Sense::click());
                if is_cursor {
                    ui.painter().rect_filled(rect, 2.0, ui.visuals().selection.bg_fill);
                } else if response.hovered() {
                    ui.painter().rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
                }
                let text_col = if is_cursor {
                    ui.visuals().selection.stroke.color
                } else if future {
                    ui.visuals().weak_text_color()
                } else {
                    ui.visuals().text_color()
                };
                let row = doc.row_of(ev.task);
                let task_col = row.map_or(text_col, |r| {
                    if future { task_color(r, theme).gamma_multiply(0.5) } else { task_color(r, theme) }
                });
                let y = rect.center().y;
                let p = ui.painter();
                let cols = [6.0, 62.0, 142.0, 262.0, 392.0];
                p.text(
                    egui::pos2(rect.left() + cols[0], y),
                    egui::Align2::LEFT_CENTER,
                    format!("{seq}"),
                    mono.clone(),
                    text_col,
                );
                p.text(
                    egui::pos2(rect.left() + cols[1], y),
                    egui::Align2::LEFT_CENTER,
                    crate::trace::explain::fmt_seconds(doc.timeline.time_at(seq)),
                    mono.clone(),
                    text_col,
                );
                let task = if ev.task == crate::trace::NONE {
                    "(loop)".to_owned()
                } else {
                    doc.log.task_name(ev.task).to_owned()
                };
                p.text(egui::pos2(rect.left() + cols[2], y), egui::Align2::LEFT_CENTER, task, mono.clone(), task_col);
                p.text(
                    egui::pos2(rect.left() + cols[3], y),
                    egui::Align2::LEFT_CENTER,
                    ev.kind.name(),
                    mono.clone(),
                    text_col,
                );
                p.text(
                    egui::pos2(rect.left() + cols[4], y),
                    egui::Align2::LEFT_CENTER,
                    doc.event_detail(ev),
                    mono.clone(),
                    text_col,
                );
                if response.clicked() {
                    action = Some(Action::SetCursor(seq));
                }
            }
        });
        action
    }
}

/// A colour for text that must stay readable on either theme.
pub fn weak_on(theme: Theme) -> Color32 {
    match theme {
        Theme::Light => Color32::from_gray(90),
        Theme::Dark => Color32::from_gray(170),
    }
}
