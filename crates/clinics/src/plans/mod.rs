//! Treatment plans: goals, a number of planned sessions, exercises (sets,
//! repetitions, instructions), a start and a review date. Sessions attended
//! are counted, never stored: the patient's completed appointments from
//! the start until the plan was completed. The patient sees their active
//! plans' exercises on their account page.

mod error;
mod model;
mod ops;
mod repo;
pub mod schema;

pub use error::PlanError;
pub use model::PlanRow;
pub use model::{
    CreateBody, Exercise, ExerciseBody, PatchBody, PlanStatus, PlanView, MAX_EXERCISES,
};
pub use ops::{active, active_under, create, create_with_id, list, read, update};
pub use repo::{patient_of, patient_of_customer, MAX_LISTED};
