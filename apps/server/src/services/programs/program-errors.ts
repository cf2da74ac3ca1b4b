import { ServiceError } from "../../errors";

/** 409: a save or activation based on an older version than the stored one. */
export function staleVersion(current: number): ServiceError {
  return new ServiceError(
    409,
    "stale_version",
    `This program was changed by someone else (version ${current}). Reload to see their changes; your edits were not saved.`,
    { version: current },
  );
}

/** 409: active programs are read-only. */
export function programActive(): ServiceError {
  return new ServiceError(
    409,
    "program_active",
    "This program is active and cannot be edited. Deactivate the program to edit it, or copy it to a new draft.",
  );
}
