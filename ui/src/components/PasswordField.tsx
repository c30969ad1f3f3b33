import { useState } from "react";
import { TextField, type TextFieldProps } from "./TextField";

type PasswordFieldProps = Omit<TextFieldProps, "type" | "after" | "spellCheck" | "autoComplete"> & {
  autoComplete: "current-password" | "new-password";
};

/** A password input with a "Show" / "Hide" button. */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? "text" : "password"}
      spellCheck={false}
      className="input--password"
      after={
        <button
          type="button"
          className="button button--secondary button--show"
          aria-controls={props.name}
          aria-label={
            visible ? `Hide ${props.label.toLowerCase()}` : `Show ${props.label.toLowerCase()}`
          }
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? "Hide" : "Show"}
        </button>
      }
    />
  );
}
