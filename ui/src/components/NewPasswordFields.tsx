import type { ReactNode } from "react";
import { CONFIRM_HINT, PASSWORD_HINT } from "../hints";
import { PasswordField } from "./PasswordField";

type NewPasswordFieldsProps = {
  /** Field name (and element id) of the new password, for example "newPassword". */
  name: string;
  /** Field name (and element id) of the confirmation, for example "newPasswordConfirm". */
  confirmName: string;
  label: string;
  confirmLabel: string;
  /** Replaces the usual password advice on the first field. */
  hint?: ReactNode;
  value: string;
  confirmValue: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The form's field error lookup, from `useForm`. */
  errorFor: (field: string) => string | undefined;
};

/**
 * A new password and its confirmation. Every form that sets a password (set-up,
 * adding a user, resetting, changing and recovering a password) asks for the
 * pair the same way, so the autocomplete, width and hints live in one place.
 */
export function NewPasswordFields({
  name,
  confirmName,
  label,
  confirmLabel,
  hint = PASSWORD_HINT,
  value,
  confirmValue,
  onChange,
  onConfirmChange,
  errorFor,
}: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField
        name={name}
        label={label}
        hint={hint}
        value={value}
        onChange={onChange}
        error={errorFor(name)}
        autoComplete="new-password"
        width="width-20"
      />
      <PasswordField
        name={confirmName}
        label={confirmLabel}
        hint={CONFIRM_HINT}
        value={confirmValue}
        onChange={onConfirmChange}
        error={errorFor(confirmName)}
        autoComplete="new-password"
        width="width-20"
      />
    </>
  );
}
