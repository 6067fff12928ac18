//! Undo and redo for scenario edits. Consecutive edits of the same field within one gesture (a
//! slider drag, typing "120") coalesce into one step; any other edit, or an edit of the same field
//! after the gesture ended ([`History::seal`]: the field was left, the slider let go), starts a new
//! one.

use crate::model::Scenario;

/// The most steps kept.
pub const MAX_STEPS: usize = 200;

/// Past and future scenarios around the current one.
#[derive(Debug, Default, Clone)]
pub struct History {
    past: Vec<Scenario>,
    future: Vec<Scenario>,
    /// The field the last recorded step was for (`None` = not coalescible).
    last_key: Option<String>,
    /// An arrow key is stepping a number box that edits without a field key (a table cell, a
    /// list row): its edits coalesce as one field's, and the `change` events the step sends (and
    /// the browser's, as the box is blurred and focused again) do not seal the gesture; the
    /// key's release does, so a held key is one step.
    pub stepping: bool,
}

/// The key of edits made while [`History::stepping`].
const STEPPED_BOX: &str = "\0stepped box";

impl History {
    /// Renames every step named `old` to `new`: a saved scenario renamed in the library is
    /// the same scenario, so undo must not bring its old name back.
    pub fn rename(&mut self, old: &str, new: &str) {
        for s in self.past.iter_mut().chain(&mut self.future).filter(|s| s.name == old) {
            new.clone_into(&mut s.name);
        }
    }

    /// Records that `before` is about to be replaced by an edit of field `key`.
    pub fn record(&mut self, before: &Scenario, key: Option<&str>) {
        let key = key.or(self.stepping.then_some(STEPPED_BOX));
        let same_field = key.is_some() && key == self.last_key.as_deref();
        if !same_field {
            self.past.push(before.clone());
            if self.past.len() > MAX_STEPS {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last_key = key.map(str::to_owned);
    }

    /// Forgets the step just recorded when `current` is back where the gesture started (a
    /// slider dragged away and back): undo would change nothing. The next edit starts a step.
    pub fn drop_if_unchanged(&mut self, current: &Scenario) {
        if self.last_key.is_some() && self.past.last() == Some(current) {
            self.past.pop();
            self.last_key = None;
        }
    }

    /// Ends the current gesture: the next edit is a step of its own even if it is of the same
    /// field (3 months typed and committed, then 9: undo goes back to 3).
    /// While an arrow key is [`History::stepping`] a box, nothing seals: its release does.
    pub fn seal(&mut self) {
        if !self.stepping {
            self.last_key = None;
        }
    }

    /// The scenario to go back to from `current`, if any.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        self.last_key = None;
        Some(previous)
    }

    /// The scenario to go forward to from `current`, if any.
    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last_key = None;
        Some(next)
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_delay(d: u32) -> Scenario {
        let mut s = Scenario::default();
        s.contract.ramp_delay_months = d;
        s
    }

    /// Edits without a field key are each a step, but while an arrow key steps a box they are
    /// one, until the key's release seals the gesture.
    #[test]
    fn a_held_arrow_key_is_one_step() {
        let mut h = History::default();
        let mut s = Scenario::default();
        let at = |months: u32| {
            let mut t = Scenario::default();
            t.hardware.mix[0].available_from_month = months;
            t
        };
        for months in 1..=2 {
            h.record(&s, None);
            s = at(months);
        }
        h.stepping = true;
        for months in 3..=6 {
            h.record(&s, None);
            s = at(months);
            // The step's own change event: not the end of the gesture.
            h.seal();
        }
        h.stepping = false;
        h.seal();
        h.stepping = true;
        h.record(&s, None);
        s = at(7);
        h.stepping = false;
        h.seal();
        // Back: 7 → 6 (the second press), 6 → 2 (the held key), 2 → 1, 1 → 0.
        for want in [6, 2, 1, 0] {
            s = h.undo(&s).unwrap();
            assert_eq!(s.hardware.mix[0].available_from_month, want);
        }
        assert!(h.undo(&s).is_none());
    }

    #[test]
    fn same_field_edits_coalesce_and_undo_redo_walk_the_steps() {
        let mut h = History::default();
        // Dragging the delay slider 0 → 1 → 2 → 3 is one step.
        h.record(&with_delay(0), Some("delay"));
        h.record(&with_delay(1), Some("delay"));
        h.record(&with_delay(2), Some("delay"));
        // Then another field.
        let mut s3 = with_delay(3);
        h.record(&s3, Some("term"));
        s3.contract.term_months = 24;
        assert_eq!(h.undo(&s3).unwrap(), with_delay(3));
        assert_eq!(h.undo(&with_delay(3)).unwrap(), with_delay(0));
        assert!(!h.can_undo());
        assert_eq!(h.redo(&with_delay(0)).unwrap(), with_delay(3));
        assert_eq!(h.redo(&with_delay(3)).unwrap(), s3);
        assert!(!h.can_redo());
    }

    #[test]
    fn a_sealed_gesture_is_a_step_of_its_own_even_for_the_same_field() {
        let mut h = History::default();
        h.record(&with_delay(0), Some("delay"));
        h.seal();
        h.record(&with_delay(3), Some("delay"));
        h.record(&with_delay(4), Some("delay"));
        assert_eq!(h.undo(&with_delay(9)).unwrap(), with_delay(3));
        assert_eq!(h.undo(&with_delay(3)).unwrap(), with_delay(0));
        assert!(!h.can_undo());
    }

    #[test]
    fn a_gesture_back_where_it_started_leaves_no_step() {
        let mut h = History::default();
        h.record(&with_delay(0), Some("delay"));
        h.drop_if_unchanged(&with_delay(2));
        h.record(&with_delay(2), Some("delay"));
        h.drop_if_unchanged(&with_delay(0));
        assert!(!h.can_undo());
        // Dragged on again: a step back to where it was.
        h.record(&with_delay(0), Some("delay"));
        h.drop_if_unchanged(&with_delay(1));
        assert_eq!(h.undo(&with_delay(1)).unwrap(), with_delay(0));
    }

    #[test]
    fn a_rename_reaches_every_step_of_that_name() {
        let mut h = History::default();
        let (a, b) = (with_delay(1), with_delay(2));
        h.record(&a, None);
        h.record(&b, None);
        let mut current = with_delay(3);
        current.name = "Renamed".into();
        h.rename(&a.name, "Renamed");
        let back = h.undo(&current).unwrap();
        assert_eq!((back.name.as_str(), back.contract.ramp_delay_months), ("Renamed", 2));
        let back = h.undo(&back).unwrap();
        assert_eq!((back.name.as_str(), back.contract.ramp_delay_months), ("Renamed", 1));
        let forward = h.redo(&back).unwrap();
        assert_eq!(forward.name, "Renamed");
    }

    #[test]
    fn a_new_edit_clears_the_redo_path_and_history_is_bounded() {
        let mut h = History::default();
        h.record(&with_delay(0), None);
        h.undo(&with_delay(1));
        assert!(h.can_redo());
        h.record(&with_delay(0), None);
        assert!(!h.can_redo());
        for _ in 0..(MAX_STEPS + 50) {
            h.record(&with_delay(0), None);
        }
        let mut n = 0;
        while h.undo(&with_delay(0)).is_some() {
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
    }
}
