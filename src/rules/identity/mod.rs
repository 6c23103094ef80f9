//! Identity and reference rules: ids that say where a record belongs and are unique, no source
//! entered twice, topics and rule codes that exist, one record per place on a page.

pub mod duplicate_id;
pub mod duplicate_source;
pub mod duplicate_topic;
pub mod id_country_prefix;
pub mod id_file_name;
pub mod placement_conflict;
pub mod unknown_rule_code;
pub mod unknown_topic;
pub mod wrong_directory;
