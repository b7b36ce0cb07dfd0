//! Payline (Monext) SOAP (issue 4). model, validate, encode, decode, rules, codes.
