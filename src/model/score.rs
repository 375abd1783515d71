//! Perception and emotion scores on fixed scales, in steps of 0.5.

use std::fmt;

/// A score on a fixed scale from `MIN/2` to `MAX/2` in steps of 0.5, stored as a whole
/// number of half steps so that it compares, hashes and serializes exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfStepScore<const MIN: i8, const MAX: i8>(i8);

/// How the customer rates the interaction: 1 (very poor) … 5 (excellent).
pub type Perception = HalfStepScore<2, 10>;

/// How the customer feels: −2 (frustrated) … 0 (neutral) … +2 (delighted).
pub type Emotion = HalfStepScore<-4, 4>;

/// A value that is not on a score's scale.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{value} is not on the scale {min} to {max} in steps of 0.5")]
pub struct ScoreError {
    /// The rejected value.
    pub value: f64,
    /// Lowest allowed value.
    pub min: f32,
    /// Highest allowed value.
    pub max: f32,
}

impl<const MIN: i8, const MAX: i8> HalfStepScore<MIN, MAX> {
    /// Lowest value on the scale.
    pub const MIN: f32 = MIN as f32 / 2.0;
    /// Highest value on the scale.
    pub const MAX: f32 = MAX as f32 / 2.0;

    /// The score for `value`, which must be on the scale and a multiple of 0.5.
    pub fn new(value: f64) -> Result<Self, ScoreError> {
        let doubled = value * 2.0;
        let on_scale = value.is_finite()
            && doubled.fract() == 0.0
            && doubled >= f64::from(MIN)
            && doubled <= f64::from(MAX);
        if on_scale {
            // A whole number in range of i8 by the checks above.
            Ok(Self(crate::convert::i8_saturating(doubled)))
        } else {
            Err(ScoreError {
                value,
                min: Self::MIN,
                max: Self::MAX,
            })
        }
    }

    /// The nearest score to `value`, rounded to a half step and clamped to the scale.
    pub fn nearest(value: f64) -> Self {
        let doubled = if value.is_finite() {
            (value * 2.0).round()
        } else {
            f64::from(MIN)
        };
        Self(crate::convert::i8_saturating(
            doubled.clamp(f64::from(MIN), f64::from(MAX)),
        ))
    }

    /// The score as a number, e.g. `3.5`.
    pub fn value(self) -> f32 {
        f32::from(self.0) / 2.0
    }

    /// Number of half steps, e.g. 7 for 3.5.
    pub fn half_steps(self) -> i8 {
        self.0
    }
}

impl<const MIN: i8, const MAX: i8> fmt::Display for HalfStepScore<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if MIN < 0 && self.0 > 0 {
            write!(f, "+")?;
        }
        write!(f, "{}", self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_accept_half_steps_only() {
        assert_eq!(Perception::new(3.5).unwrap().value(), 3.5);
        assert_eq!(Perception::new(1.0).unwrap().half_steps(), 2);
        assert!(Perception::new(0.5).is_err());
        assert!(Perception::new(5.5).is_err());
        assert!(Perception::new(3.25).is_err());
        assert!(Perception::new(f64::NAN).is_err());
        assert_eq!(Emotion::new(-2.0).unwrap().value(), -2.0);
        assert!(Emotion::new(-2.5).is_err());
        assert!(Emotion::new(f64::INFINITY).is_err());
    }

    #[test]
    fn nearest_rounds_and_clamps() {
        assert_eq!(Emotion::nearest(0.3).value(), 0.5);
        assert_eq!(Emotion::nearest(9.0).value(), 2.0);
        assert_eq!(Perception::nearest(-3.0).value(), 1.0);
    }

    #[test]
    fn display_shows_sign_for_emotion() {
        assert_eq!(Emotion::new(1.5).unwrap().to_string(), "+1.5");
        assert_eq!(Emotion::new(-1.0).unwrap().to_string(), "-1");
        assert_eq!(Perception::new(4.0).unwrap().to_string(), "4");
    }
}
