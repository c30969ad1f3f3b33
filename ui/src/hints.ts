export const PASSWORD_HINT =
  "Use at least 12 characters. A few unrelated words make a good password, for example three or four words that do not go together.";

export const CONFIRM_HINT = "Type the same password again.";

export const USERNAME_HINT = "Use letters, numbers, dots and hyphens only, for example jane.smith";
