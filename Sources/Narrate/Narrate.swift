import TabiCore
