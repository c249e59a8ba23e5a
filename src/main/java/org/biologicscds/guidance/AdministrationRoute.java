package org.biologicscds.guidance;

/**
 * How an ordered biologic is given, as the order says it (clinical-v2.md table 5.1: infliximab IV
 * and infliximab SC are one drug at ingredient level, but a 120 mg subcutaneous dose is a fixed dose,
 * not mg/kg). Read at recognition by {@link RouteReader} from the knowledge's route value sets.
 */
public enum AdministrationRoute {
    /** Under the skin: a subcutaneous route code, word, device (pen, pre-filled syringe) or product (Zymfentra, Remsima SC). */
    SUBCUTANEOUS,
    /** Into a vein: an intravenous route code, word or dose form (vial, powder for infusion). */
    INTRAVENOUS,
    /** The order does not say, or says both. */
    NOT_STATED
}
