//! The words of participation: kinds of activity, the protocol's levels and its
//! co-production ladder. Each is stored as the text shown here and generated into
//! TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum::text_enum;

text_enum!(ActivityKind, "ActivityKind.ts" {
    BoardMeeting = "board_meeting", PriorityGroup = "priority_group",
    TaskAndFinish = "task_and_finish", Consultation = "consultation",
    CoProductionRequest = "co_production_request", Survey = "survey",
    TrainingDelivered = "training_delivered", TrainingReceived = "training_received",
    Event = "event", CoffeeMorning = "coffee_morning", Other = "other",
});

text_enum!(
    /// Where the work sits (protocol §7.3): one family's plan, a service or team, or the
    /// local area's strategy.
    Level, "Level.ts" { Individual = "individual", Operational = "operational", Strategic = "strategic" }
);

text_enum!(
    /// The co-production ladder (protocol §7.4), from the top rung down.
    Rung, "Rung.ts" {
        CoProduction = "co_production", CoDesign = "co_design", Engagement = "engagement",
        Consultation = "consultation", Information = "information", Education = "education",
    }
);

impl ActivityKind {
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::BoardMeeting => "Partnership board or group meeting",
            ActivityKind::PriorityGroup => "Priority group",
            ActivityKind::TaskAndFinish => "Task and finish group",
            ActivityKind::Consultation => "Consultation",
            ActivityKind::CoProductionRequest => "Co-production request",
            ActivityKind::Survey => "Survey",
            ActivityKind::TrainingDelivered => "Training delivered",
            ActivityKind::TrainingReceived => "Training received",
            ActivityKind::Event => "Event",
            ActivityKind::CoffeeMorning => "Coffee morning",
            ActivityKind::Other => "Other",
        }
    }
}
