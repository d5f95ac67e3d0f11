/** A refusal the user reads as it is (a clear reason, nothing written); anything else is logged as unexpected. */
export class Refusal extends Error {}
