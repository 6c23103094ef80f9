//! Country and helpline rules: ISO 3166-1 codes that exist and agree, helpline numbers valid
//! for their country, calling codes that are the country's.

pub mod calling_code_mismatch;
pub mod country_codes_disagree;
pub mod invalid_phone_number;
pub mod unknown_country;
